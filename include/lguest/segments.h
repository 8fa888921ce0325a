/*
 * The Global Descriptor Table layout Host and Guest agree on.
 *
 * The first entries belong to the Host and are the same in its own GDT and
 * in every GDT a Guest runs with: the Switcher runs on them while the two
 * worlds change places.  The Guest may not change them.
 */
#ifndef LGUEST_SEGMENTS_H
#define LGUEST_SEGMENTS_H

#define GDT_ENTRY_LGUEST_CS	1	/* ring 0 flat code: Host and Switcher */
#define GDT_ENTRY_LGUEST_DS	2	/* ring 0 flat data */
#define GDT_ENTRY_TSS		3	/* the task state segment */
#define GDT_ENTRY_HOST_LAST	3	/* entries 0..3 are the Host's */

#define GDT_ENTRY_KERNEL_CS	4	/* the Guest kernel's code */
#define GDT_ENTRY_KERNEL_DS	5	/* the Guest kernel's data and stack */
#define GDT_ENTRY_USER_CS	6	/* ring 3 code */
#define GDT_ENTRY_USER_DS	7	/* ring 3 data */
#define GDT_ENTRY_TLS_MIN	8	/* three thread-local storage entries */
#define GDT_ENTRY_TLS_MAX	10
#define GDT_ENTRY_TLS_ENTRIES	3
#define GDT_ENTRIES		16

/* The ring a Guest kernel runs at. */
#define GUEST_PL		1

#define LGUEST_CS		(GDT_ENTRY_LGUEST_CS * 8)
#define LGUEST_DS		(GDT_ENTRY_LGUEST_DS * 8)
#define LGUEST_TSS_SEL		(GDT_ENTRY_TSS * 8)
/* Selectors as the Guest kernel uses them on the Host (RPL 1). */
#define LGUEST_KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8 + GUEST_PL)
#define LGUEST_KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8 + GUEST_PL)
#define USER_CS			(GDT_ENTRY_USER_CS * 8 + 3)
#define USER_DS			(GDT_ENTRY_USER_DS * 8 + 3)

#endif
