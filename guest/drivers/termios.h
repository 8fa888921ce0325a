/*
 * The terminal's ABI as Linux i386 programs see it: struct termios as the
 * TCGETS/TCSETS ioctls copy it, its flag bits and c_cc indices, and the tty
 * ioctl numbers (Linux's asm-generic termbits.h and ioctls.h, which i386
 * uses).  The names are Linux's, so code reads like the manual pages.
 */
#ifndef GUEST_TERMIOS_H
#define GUEST_TERMIOS_H

#include <lguest/types.h>

#define NCCS 19
struct termios {
	u32 c_iflag;		/* input modes */
	u32 c_oflag;		/* output modes */
	u32 c_cflag;		/* control modes */
	u32 c_lflag;		/* local modes */
	u8 c_line;		/* line discipline: 0 is N_TTY */
	u8 c_cc[NCCS];		/* special characters, indexed by V* */
};

struct winsize {
	u16 ws_row, ws_col;
	u16 ws_xpixel, ws_ypixel;
};

/* c_cc indices.  A c_cc value of 0 disables that character. */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNBRK		0x00001
#define BRKINT		0x00002
#define IGNPAR		0x00004
#define PARMRK		0x00008
#define INPCK		0x00010
#define ISTRIP		0x00020
#define INLCR		0x00040
#define IGNCR		0x00080
#define ICRNL		0x00100
#define IUCLC		0x00200
#define IXON		0x00400
#define IXANY		0x00800
#define IXOFF		0x01000
#define IMAXBEL		0x02000
#define IUTF8		0x04000

/* c_oflag */
#define OPOST		0x00001
#define OLCUC		0x00002
#define ONLCR		0x00004
#define OCRNL		0x00008
#define ONOCR		0x00010
#define ONLRET		0x00020
#define OFILL		0x00040
#define OFDEL		0x00080
#define NLDLY		0x00100
#define CRDLY		0x00600
#define TABDLY		0x01800
#define   XTABS		0x01800		/* TAB3: expand tabs to spaces */
#define BSDLY		0x02000
#define VTDLY		0x04000
#define FFDLY		0x08000

/* c_cflag */
#define CBAUD		0x0000100f
#define   B0		0x00000000	/* hang up */
#define   B9600		0x0000000d
#define   B38400	0x0000000f
#define   B115200	0x00001002
#define CSIZE		0x00000030
#define   CS5		0x00000000
#define   CS6		0x00000010
#define   CS7		0x00000020
#define   CS8		0x00000030
#define CSTOPB		0x00000040
#define CREAD		0x00000080
#define PARENB		0x00000100
#define PARODD		0x00000200
#define HUPCL		0x00000400
#define CLOCAL		0x00000800
#define CIBAUD		0x100f0000
#define CRTSCTS		0x80000000

/* c_lflag */
#define ISIG		0x00001
#define ICANON		0x00002
#define XCASE		0x00004
#define ECHO		0x00008
#define ECHOE		0x00010
#define ECHOK		0x00020
#define ECHONL		0x00040
#define NOFLSH		0x00080
#define TOSTOP		0x00100
#define ECHOCTL		0x00200
#define ECHOPRT		0x00400
#define ECHOKE		0x00800
#define FLUSHO		0x01000
#define PENDIN		0x04000
#define IEXTEN		0x08000
#define EXTPROC		0x10000

/* TCXONC arguments */
#define TCOOFF		0
#define TCOON		1
#define TCIOFF		2
#define TCION		3
/* TCFLSH arguments */
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

/* ioctl numbers ('T' << 8 | n) */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCINQ		FIONREAD
#define FIONBIO		0x5421
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

#endif
