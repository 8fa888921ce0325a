#!/usr/bin/env bash
# Issue 10's numbers: the same busybox workloads (bench/busybox/*.sh, each
# timing itself with the shell's clock) in four worlds, in one run:
#   here    Debian's busybox-static:i386 run directly on this machine
#   linux   Debian's own Linux i386 (linux-image-686) under qemu-system-i386
#           TCG with the same initramfs: the peer a user would pick here
#   lguest  lguest run on the Host;  native  lguest run --native
# The Guests boot build/rootfs.cpio (uncompressed, as lguest run boots it
# by default: inflating costs a Guest tens of milliseconds, Linux too) with
# the workloads appended as a second cpio archive (Linux's initramfs allows
# several) and run /bench/all.sh as /init's command.  A workload that does not finish in a
# world is reported "not run" with what stopped it, never a number.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
CACHE=${CACHE:-$BUILD/cache}
ROOTFS=${ROOTFS:-$BUILD/rootfs.cpio}
OUT=$BUILD/bench/busybox
# Each world boots and runs the set this many times; the fastest run of
# each workload counts (the machine is shared: noise only ever adds).
BUSYBOX_RUNS=${BUSYBOX_RUNS:-2}
TIMEOUT=${TIMEOUT:-180}
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.rss

# The workloads in the order all.sh runs them, and the lines they print.
WORKLOADS="boot fork-exec shell-loop pipe-64m pipe-roundtrip tmpfs-write tmpfs-read tmpfs-md5sum
files-create files-delete sort-uniq"
declare -A LABEL=(
	[boot]="boot to the first shell line" [fork-exec]="500 fork+exec of true"
	[shell-loop]="20,000-iteration shell loop" [pipe-64m]="64 MiB through a pipe"
	[pipe-roundtrip]="10,000 pipe round trips" [tmpfs-write]="write 16 MiB in tmpfs"
	[tmpfs-read]="read 16 MiB in tmpfs" [tmpfs-md5sum]="md5sum 16 MiB in tmpfs"
	[files-create]="create 1,000 files" [files-delete]="delete 1,000 files"
	[sort-uniq]="sort | uniq, 100,000 lines")

# The initramfs: the default root with /bench added.
initrd=$OUT/initrd.cpio
initrd_ok=
if [ -s "$ROOTFS" ]; then
	rm -rf "$OUT/tree" && mkdir -p "$OUT/tree/bench" && cp bench/busybox/*.sh "$OUT/tree/bench/" &&
	(cd "$OUT/tree" && find bench | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) \
		>"$OUT/bench.cpio" &&
	cat "$ROOTFS" "$OUT/bench.cpio" >"$initrd" && initrd_ok=yes
fi
no_initrd="no initramfs: $ROOTFS is missing (make builds it)"

# Debian's Linux i386 kernel: the package linux-image-686:i386 depends on
# (linux-image-6.1.0-N-686), fetched once into the cache with apt-get
# download.  LINUX_KERNEL names another vmlinuz.
linux_kernel() {
	[ -n "${LINUX_KERNEL:-}" ] && { echo "$LINUX_KERNEL"; return; }
	local dir=$CACHE/linux-686 pkg
	[ -s "$dir/vmlinuz" ] && { echo "$dir/vmlinuz"; return; }
	pkg=$(apt-cache depends linux-image-686:i386 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^:]*-686\).*/\1/p' | head -1)
	[ -n "$pkg" ] || return 1
	rm -rf "$dir" && mkdir -p "$dir/download" || return 1
	(cd "$dir/download" && apt-get download -q "$pkg:i386") >"$dir/fetch.log" 2>&1 || return 1
	dpkg-deb -x "$dir/download/$pkg"_*.deb "$dir/deb" &&
		mv "$dir/deb/boot/vmlinuz-"* "$dir/vmlinuz" && rm -rf "$dir/deb" "$dir/download" &&
		echo "$dir/vmlinuz"
}
no_linux="no Linux kernel: apt-get download linux-image-686:i386 failed (see $CACHE/linux-686/fetch.log); as root run dpkg --add-architecture i386 && apt-get update, or set LINUX_KERNEL=/path/to/vmlinuz"
kernel=$(linux_kernel) || kernel=
command -v qemu-system-i386 >/dev/null || { kernel=; no_linux="no qemu-system-i386 (Debian's qemu-system-x86)"; }

# The commands of each world, with the workloads as /init's arguments.
# quiet: the console is slow under TCG.  panic=-1 and -no-reboot: a
# kernel that panics ends QEMU at once instead of hanging.
world_cmd() {
	case $1 in
	here) echo "env PATH=$links BIN=$links TMP=$tmp $links/sh $PWD/bench/busybox/all.sh" ;;
	linux) echo "qemu-system-i386 -M pc -accel tcg -m 256 -kernel $kernel -initrd $initrd \
-append 'console=ttyS0 quiet panic=-1 rdinit=/init -- sh /bench/all.sh' -nographic -no-reboot" ;;
	lguest) echo "$LGUEST run --mem 256M --initrd $initrd -- sh /bench/all.sh" ;;
	native) echo "$LGUEST run --native --mem 256M --initrd $initrd -- sh /bench/all.sh" ;;
	esac
}

# busybox here: the root file system's own binary, with a link farm of
# its applets, and a tmpfs directory (this machine's /tmp may be a disk).
links=$(mktemp -d) tmp=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d) unpacked=$(mktemp -d)
trap 'rm -rf "$links" "$tmp" "$unpacked"' EXIT
BUSYBOX=$unpacked/bin/busybox
if [ -n "$initrd_ok" ]; then
	gzip -dcf "$ROOTFS" | (cd "$unpacked" && cpio -id --quiet bin/busybox)
	for a in $("$BUSYBOX" --list); do ln -s "$BUSYBOX" "$links/$a"; done
fi

# session WORLD N: one boot (or run) of the whole set, its output in
# $OUT/WORLD.N.log, each line after the microseconds since the start; QEMU's
# (or lguest's) peak RSS in KiB in $OUT/WORLD.N.rss.
session() {
	local log=$OUT/$1.$2.log t0 line
	t0=${EPOCHREALTIME/./}
	eval "timeout $TIMEOUT /usr/bin/time -o $OUT/$1.$2.rss -f %M $(world_cmd "$1")" </dev/null 2>&1 |
		while IFS= read -r line; do
			t=${EPOCHREALTIME/./} line=${line%$'\r'}
			printf '%s %s\n' "$((t - t0))" "$line"
		done >"$log"
	# The last line of /usr/bin/time's file is the number, or its complaint.
	tail -n 1 "$OUT/$1.$2.rss" >"$OUT/$1.$2.rss.n" && mv "$OUT/$1.$2.rss.n" "$OUT/$1.$2.rss"
}

# parse LOG: "NAME MICROSECONDS" per workload that finished, and "NAME !
# REASON" per one that failed: its exit status and the calls the kernel
# reported missing while it ran.
parse() {
	awk '
	{ t = $1; $1 = ""; sub(/^ /, "") }
	/^bench-start/ { print "boot", t; next }
	/^bench [a-z0-9-]+ [0-9]+$/ { print $2, $3; missing = ""; next }
	/system call [0-9]+ is not implemented/ {
		m = $0; sub(/^\[/, "", m); sub(/ \(ENOSYS\)\]$/, "", m); sub(/ is not implemented/, "", m)
		missing = missing ", " m " missing"; next }
	/^bench-error / {
		w = $2; sub(/\.sh$/, "", w); why = $3 " " $4
		if ($4 > 128) why = why " (signal " $4 - 128 ")"
		print w, "!", why missing; missing = ""; next }
	' "$1"
}

# Every world, BUSYBOX_RUNS times, round robin (a burst of load on the
# machine then hits each world alike).
declare -A BEST WHY RSS LAST
can_run() {
	case $1 in
	here) [ -x "$BUSYBOX" ] || { echo "no busybox: $no_initrd"; return 1; } ;;
	linux) [ -n "$initrd_ok" ] || { echo "$no_initrd"; return 1; }
	       [ -n "$kernel" ] || { echo "$no_linux"; return 1; } ;;
	*) [ -n "$initrd_ok" ] || { echo "$no_initrd"; return 1; }
	   [ -x "$LGUEST" ] || { echo "no $LGUEST (make builds it)"; return 1; } ;;
	esac
}
WORLDS="here linux lguest native"
declare -A CANNOT
for w in $WORLDS; do CANNOT[$w]=$(can_run "$w"); done
for ((n = 1; n <= BUSYBOX_RUNS; n++)); do
	for w in $WORLDS; do
		[ -z "${CANNOT[$w]}" ] && session "$w" "$n"
	done
done

# The fastest run of each workload in each world; a failure's reason when
# no run finished it; and for a world where nothing finished, the end of
# its output (what the kernel or lguest said).
for w in $WORLDS; do
	[ -n "${CANNOT[$w]}" ] && continue
	for ((n = 1; n <= BUSYBOX_RUNS; n++)); do
		log=$OUT/$w.$n.log
		while read -r name us why; do
			if [ "$us" = "!" ]; then
				WHY[$w,$name]=$why
			elif [ -z "${BEST[$w,$name]}" ] || [ "$us" -lt "${BEST[$w,$name]}" ]; then
				BEST[$w,$name]=$us
			fi
		done < <(parse "$log")
		r=$(cat "$OUT/$w.$n.rss" 2>/dev/null)
		[[ $r =~ ^[0-9]+$ ]] && { [ -z "${RSS[$w]}" ] || [ "$r" -gt "${RSS[$w]}" ]; } && RSS[$w]=$r
		[ -z "${LAST[$w]}" ] && LAST[$w]=$(tail -n 1 "$log" | cut -d' ' -f2- | cut -c1-100)
	done
done
# Busybox here has no boot: its first line is no measure of one.
unset 'BEST[here,boot]'

# A bare QEMU microvm start of a kernel that only exits: boot's baseline.
bare=
[ -s "$BUILD/bench/exit.elf" ] && bare=$(median_wall_ns qemu-system-x86_64 -M microvm -nodefaults \
	-no-reboot -display none -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$BUILD/bench/exit.elf")

# cell WORLD NAME: the time in ms, or "-".
cell() {
	local v=${BEST[$1,$2]}
	if [ -n "$v" ]; then awk -v u="$v" 'BEGIN { printf "%.1f", u / 1000 }'; else echo "-"; fi
}
fmt='%-30s %9s %9s %9s %9s %8s %8s  %s\n'
printf "$fmt" "workload (ms, best of $BUSYBOX_RUNS)" here Linux-TCG lguest native lg/Linux lg/nat "target"
sum_l=0 sum_n=0
notes=()
for name in $WORKLOADS; do
	l=${BEST[lguest,$name]} x=${BEST[linux,$name]} n=${BEST[native,$name]}
	rl=- rn=- verdict=
	[ -n "$l" ] && [ -n "$x" ] && rl=$(ratio "$l" "$x")
	[ -n "$l" ] && [ -n "$n" ] && { rn=$(ratio "$l" "$n"); sum_l=$((sum_l + l)); sum_n=$((sum_n + n)); }
	if [ "$name" = boot ]; then
		if [ -n "$bare" ] && [ -n "$l" ]; then
			rb=$(ratio "$((l * 1000))" "$bare")
			verdict="<= 1.5x bare microvm start ($((bare / 1000000)) ms): ${rb}x, $(awk -v r="$rb" 'BEGIN { print (r <= 1.5) ? "met" : "missed" }')"
		else
			verdict="<= 1.5x bare microvm start: not measured"
		fi
	elif [ "$rl" != - ]; then
		verdict="<= 1.0x Linux-TCG: $(awk -v r="$rl" 'BEGIN { print (r <= 1.0) ? "met" : "missed" }')"
	else
		verdict="<= 1.0x Linux-TCG: not measured"
	fi
	printf "$fmt" "${LABEL[$name]}" "$(cell here "$name")" "$(cell linux "$name")" \
		"$(cell lguest "$name")" "$(cell native "$name")" "$rl" "$rn" "$verdict"
	for w in $WORLDS; do
		[ -n "${BEST[$w,$name]}" ] && continue
		[ "$w" = here ] && [ "$name" = boot ] && continue
		why=${CANNOT[$w]:-${WHY[$w,$name]:-${LAST[$w]:+its output ended: ${LAST[$w]}}}}
		notes+=("  $w, ${LABEL[$name]}: not run: ${why:-no output}")
	done
done
if [ "$sum_n" -gt 0 ]; then
	rs=$(ratio "$sum_l" "$sum_n")
	echo "the whole set (what ran in both), lguest / native: ${rs}x; target <= 1.2x: $(awk -v r="$rs" 'BEGIN { print (r <= 1.2) ? "met" : "missed" }')"
else
	echo "the whole set, lguest / native: not measured (nothing ran in both)"
fi
mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }' || echo "-"; }
rss_line="peak RSS of a busybox session: Linux-TCG QEMU $(mib "${RSS[linux]}"), lguest (QEMU with it) $(mib "${RSS[lguest]}"), native $(mib "${RSS[native]}")"
if [ -n "${RSS[linux]}" ] && [ -n "${RSS[lguest]}" ]; then
	rr=$(ratio "${RSS[lguest]}" "${RSS[linux]}")
	rss_line+="; lguest/Linux ${rr}x, target <= 0.5x: $(awk -v r="$rr" 'BEGIN { print (r <= 0.5) ? "met" : "missed" }')"
fi
echo "$rss_line"
[ ${#notes[@]} -gt 0 ] && { echo "not run (logs in $OUT):"; printf '%s\n' "${notes[@]}"; }
exit 0
