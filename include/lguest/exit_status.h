/*
 * How a run ends, from the Guest through the Host to the lguest command.
 *
 * The Host ends QEMU by writing a status to QEMU's isa-debug-exit port;
 * QEMU exits with (status << 1) | 1, and the lguest command undoes that so
 * its own exit status is the status below.
 */
#ifndef LGUEST_EXIT_STATUS_H
#define LGUEST_EXIT_STATUS_H

/* The isa-debug-exit device: the lguest command puts it here. */
#define LGUEST_EXIT_PORT	0xF4

/* A Guest powers off with a status from 0 to LGUEST_STATUS_MAX: the lguest
 * command exits with that same status. */
#define LGUEST_STATUS_MAX	99

/* Statuses that say the run went wrong.  Each comes with a message. */
#define LGUEST_EXIT_CRASHED	100	/* the Guest crashed, with its message */
#define LGUEST_EXIT_KILLED	101	/* the Host killed a misbehaving Guest */
#define LGUEST_EXIT_HOST_FAILED	102	/* the Host itself failed */
#define LGUEST_EXIT_USAGE	2	/* the lguest command refused its input */
#define LGUEST_EXIT_TIMEOUT	124	/* --timeout ran out */

#endif
