printf 'one\n' > f
exec 3< f
cat <&3
echo two >> f
cat <&3
exec 3<&-
exec 4>> f; echo three >&4; echo four >&4; exec 4>&-; cat f
{ read a; cat; } < f
{ head -c 4 >/dev/null; cat; } < f
exec 5<> rw; echo written >&5; cat <&5 | wc -c; exec 5>&-; cat rw
printf 'xxxxxxxx' > ow; exec 6<> ow; printf 'AB' >&6; exec 6>&-; cat ow; echo
echo new > f; exec 7< f; : > f; cat <&7 | wc -c; echo again > f; cat <&7; exec 7<&-
(set -C; echo clobber > f) 2>/dev/null; echo "noclobber: $?"; set -C; echo forced >| f; set +C; cat f
echo x >&- 2>/dev/null; echo "closed stdout: $?"
cat <&- 2>&1 | sed 's/^cat: //'; echo
