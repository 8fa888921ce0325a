# The Guest's side of make bench: every workload in this directory, in
# turn, after a first line that marks the end of the boot.  Run as the
# initramfs's /init command (lguest run ... -- sh /bench/all.sh, or Linux's
# "rdinit=/init -- sh /bench/all.sh").
echo "bench-start"
for w in "${0%/*}"/*.sh; do
	case ${w##*/} in all.sh | clock.sh) continue ;; esac
	sh "$w" || echo "bench-error ${w##*/} exit $?"
done
echo "bench-end"
# Linux's PID 1 must not exit (the kernel panics), so PID 1 powers off; a
# Guest without reboot(2) powers off when PID 1 exits.  Anywhere else
# (run by hand) there is nothing to power off.
[ $$ = 1 ] && poweroff -f 2>/dev/null
exit 0
