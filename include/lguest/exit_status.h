/*
 * How a run ends, from the Guest through the Host to the lguest command.
 *
 * The Host ends QEMU by writing to QEMU's isa-debug-exit port; QEMU exits
 * with (value << 1) | 1, and the lguest command undoes that so its own exit
 * status is the status below.
 */
#ifndef LGUEST_EXIT_STATUS_H
#define LGUEST_EXIT_STATUS_H

/* The isa-debug-exit device: the lguest command puts it here. */
#define LGUEST_EXIT_PORT	0xF4

/* What is written to the port for a status.  One more than the status:
 * QEMU exits with 1 when it fails by itself, which is what writing 0 would
 * give, and a run that failed must never pass for a Guest that powered off
 * with status 0. */
#define LGUEST_EXIT_PORT_VALUE(status)	((status) + 1)
/* And back, from QEMU's exit status (odd, and at least 3). */
#define LGUEST_STATUS_FROM_QEMU(rc)	((((rc) - 1) >> 1) - 1)

/* A Guest powers off with a status from 0 to LGUEST_STATUS_MAX, as a Unix
 * program exits: the lguest command exits with that same status. */
#define LGUEST_STATUS_MAX	255

/* The port carries a status up to LGUEST_PORT_STATUS_MAX itself: QEMU's
 * own exit status keeps only 7 bits of what was written, and 100 up are
 * the verdicts below.  A larger one goes on the serial line first, as the
 * machine's record LGUEST_SERIAL_HOST LGUEST_EXIT_RECORD "N"
 * (console.h), and the port gets LGUEST_EXIT_RECORDED. */
#define LGUEST_PORT_STATUS_MAX	99
#define LGUEST_EXIT_RECORDED	103
#define LGUEST_EXIT_RECORD	"exit status "

/* Statuses that say the run went wrong.  Each comes with a message. */
#define LGUEST_EXIT_CRASHED	100	/* the Guest crashed, with its message */
#define LGUEST_EXIT_KILLED	101	/* the Host killed a misbehaving Guest */
#define LGUEST_EXIT_HOST_FAILED	102	/* the Host itself failed */
/* (The lguest command's own exits: a Guest's status can be any of these
 * too, and then its message on stderr is what tells them apart.) */
#define LGUEST_EXIT_USAGE	2	/* the lguest command refused its input */
#define LGUEST_EXIT_TIMEOUT	124	/* --timeout ran out */

#endif
