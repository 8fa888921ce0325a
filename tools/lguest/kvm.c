/*
 * --accel kvm needs a KVM that runs a 32-bit kernel at ring 0 with paging
 * of its own, as the Host is.  Not every KVM does: a PVM one
 * (kvm_pvm, which runs 64-bit guests only) lets QEMU start and the Host
 * then dies at its first write to %cr0.  So before QEMU starts we try it:
 * a tiny machine in 32-bit protected mode that turns paging on as the
 * Host does and halts.  A KVM that cannot get it to the halt cannot run
 * the Host either.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "lguest.h"

#define PROBE_MEM 0x10000u
#define PROBE_CODE 0x1000u

/* What the Host does first (host/machine/paging.c): 4 MiB pages on, a
 * page directory that maps the first of them at its own address, then
 * paging and write protection on; then it halts. */
#define PROBE_PGDIR 0x2000u
static const unsigned char probe_code[] = {
	0x0f, 0x20, 0xe0,			/* mov %cr4, %eax */
	0x83, 0xc8, 0x10,			/* or $CR4_PSE, %eax */
	0x0f, 0x22, 0xe0,			/* mov %eax, %cr4 */
	0xb8, 0x00, 0x20, 0x00, 0x00,		/* mov $PROBE_PGDIR, %eax */
	0x0f, 0x22, 0xd8,			/* mov %eax, %cr3 */
	0x0f, 0x20, 0xc0,			/* mov %cr0, %eax */
	0x0d, 0x00, 0x00, 0x01, 0x80,		/* or $(CR0_PG | CR0_WP), %eax */
	0x0f, 0x22, 0xc0,			/* mov %eax, %cr0 */
	0xf4,					/* hlt */
};

static void flat_segment(struct kvm_segment *s, unsigned selector, unsigned type)
{
	memset(s, 0, sizeof(*s));
	s->base = 0;
	s->limit = 0xffffffff;
	s->selector = (uint16_t)selector;
	s->type = (uint8_t)type;
	s->present = 1;
	s->db = 1;
	s->s = 1;
	s->g = 1;
}

static void on_alarm(int sig) { (void)sig; }

/* Returns the exit reason of the probe's run, or -1 with errno set (and
 * *what naming the step that failed). */
static int probe(int kvm, const char **what)
{
	struct kvm_userspace_memory_region region = { 0 };
	struct kvm_sregs sregs;
	struct kvm_regs regs = { 0 };
	struct kvm_run *run;
	unsigned char *mem;
	int vm, vcpu, size, reason = -1;

	*what = "KVM_CREATE_VM";
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return -1;
	mem = mmap(NULL, PROBE_MEM, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		close(vm);
		return -1;
	}
	memcpy(mem + PROBE_CODE, probe_code, sizeof(probe_code));
	*(uint32_t *)(mem + PROBE_PGDIR) = 0x83;	/* 0: present, writable, 4 MiB */
	region.memory_size = PROBE_MEM;
	region.userspace_addr = (uintptr_t)mem;
	*what = "its memory";
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		goto out_mem;
	*what = "KVM_CREATE_VCPU";
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		goto out_mem;
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = size > 0 ? mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0)
		       : MAP_FAILED;
	if (run == MAP_FAILED)
		goto out_vcpu;

	*what = "32-bit protected mode";
	if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
		goto out_run;
	flat_segment(&sregs.cs, 0x08, 11);	/* code: execute, read, accessed */
	flat_segment(&sregs.ds, 0x10, 3);	/* data: read, write, accessed */
	sregs.es = sregs.fs = sregs.gs = sregs.ss = sregs.ds;
	sregs.cr0 = 0x11;			/* PE, ET */
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0)
		goto out_run;
	regs.rip = PROBE_CODE;
	regs.rflags = 2;
	if (ioctl(vcpu, KVM_SET_REGS, &regs) < 0)
		goto out_run;

	/* A vCPU that never halts is stopped by the alarm (EINTR). */
	*what = "KVM_RUN";
	signal(SIGALRM, on_alarm);
	alarm(2);
	if (ioctl(vcpu, KVM_RUN, 0) == 0)
		reason = (int)run->exit_reason;
	alarm(0);
	signal(SIGALRM, SIG_DFL);
out_run:
	munmap(run, (size_t)size);
out_vcpu:
	close(vcpu);
out_mem:
	munmap(mem, PROBE_MEM);
	close(vm);
	return reason;
}

/* The name of the vendor module, to say which KVM this is. */
static const char *kvm_module(void)
{
	static const char *const names[] = { "kvm_intel", "kvm_amd", "kvm_pvm" };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char path[64];

		snprintf(path, sizeof(path), "/sys/module/%s", names[i]);
		if (access(path, F_OK) == 0)
			return names[i];
	}
	return "unknown";
}

int check_kvm(void)
{
	const char *what;
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC), reason, err;

	if (kvm < 0) {
		complain("--accel kvm: /dev/kvm: %s (leave out --accel kvm to "
			 "use QEMU's emulator)", strerror(errno));
		return -1;
	}
	reason = probe(kvm, &what);
	err = errno;
	close(kvm);
	if (reason == KVM_EXIT_HLT)
		return 0;
	if (reason < 0)
		complain("--accel kvm: this machine's KVM (%s) cannot run a 32-bit "
			 "kernel (%s: %s): leave out --accel kvm to use QEMU's emulator",
			 kvm_module(), what, strerror(err));
	else
		complain("--accel kvm: this machine's KVM (%s) cannot run a 32-bit "
			 "kernel (a test of one %s): leave out --accel kvm to use "
			 "QEMU's emulator", kvm_module(), reason == KVM_EXIT_SHUTDOWN ?
			 "shut down instead of halting" : "did not halt");
	return -1;
}
