#!/usr/bin/env python3
"""Records what Linux's line discipline does, for tests/unit/tty_ldisc.c.

Each case below runs on a fresh pseudo-terminal, in a child that made it
its controlling terminal (so ISIG's signals reach it): it sets a termios,
types bytes into the master (recording the echo that comes back and the
signals that arrive), reads the slave without blocking, and writes output
to the slave (recording what reaches the master).  The results go to
tests/unit/tty_ldisc_linux.h as C tables, which the unit test replays
against guest/drivers/tty_ldisc.c and compares byte for byte.

    python3 tests/unit/tty_ldisc_linux.py > tests/unit/tty_ldisc_linux.h

Steps of a case:
    ("t", changes)    tcsetattr(TCSANOW) with changes to the default termios
    ("tf", changes)   the same with TCSAFLUSH
    ("w", bytes)      type bytes: records the echo and the signals
    ("r", n)          read(n) without blocking: the bytes, 0, or -EAGAIN, and
                      the echo of what a full queue took in after it
    ("o", bytes)      write bytes to the slave: records what the screen gets
Changes are a dict: "iflag"/"oflag"/"lflag" map to (set, clear) pairs of
flags, "cc" to {index: value}.
"""
import errno
import fcntl
import os
import pty
import select
import signal
import sys
import termios as T

DEFAULT = {
    "iflag": T.ICRNL | T.IXON,
    "oflag": T.OPOST | T.ONLCR,
    "cflag": T.B38400 | T.CS8 | T.CREAD | T.HUPCL,
    "lflag": T.ISIG | T.ICANON | T.ECHO | T.ECHOE | T.ECHOK | T.ECHOCTL
    | T.ECHOKE | T.IEXTEN,
    "cc": {T.VINTR: 3, T.VQUIT: 0x1C, T.VERASE: 0x7F, T.VKILL: 0x15,
           T.VEOF: 4, T.VTIME: 0, T.VMIN: 1, T.VSWTC: 0, T.VSTART: 0x11,
           T.VSTOP: 0x13, T.VSUSP: 0x1A, T.VEOL: 0, T.VREPRINT: 0x12,
           T.VDISCARD: 0x0F, T.VWERASE: 0x17, T.VLNEXT: 0x16, T.VEOL2: 0},
}
NCC = 17    # VINTR..VEOL2: Linux's c_cc that matter
IUTF8 = 0o40000  # not in Python's termios module

RAW = {"iflag": (0, T.ICRNL | T.IXON), "oflag": (0, T.OPOST),
       "lflag": (0, T.ICANON | T.ECHO | T.ISIG)}
NONCANON = {"lflag": (0, T.ICANON)}


def lf(on=0, off=0):
    return {"lflag": (on, off)}


CASES = [
    ("typing a line echoes it, CR becomes NL",
     [("w", b"hello\r"), ("r", 100), ("r", 100)]),
    ("a line waits for its end", [("w", b"hel"), ("r", 100), ("w", b"lo\n"), ("r", 100)]),
    ("one line per read", [("w", b"ab\ncd\n"), ("r", 100), ("r", 100)]),
    ("a short read takes part of a line", [("w", b"abcdef\n"), ("r", 4), ("r", 100)]),
    ("erase at the start of a line does nothing",
     [("w", b"\x7f"), ("w", b"ab\x7f\x7f\x7f"), ("w", b"c\r"), ("r", 100)]),
    ("erase a control character takes two columns",
     [("w", b"a\x01\x7f\r"), ("r", 100)]),
    ("erase a tab after text", [("w", b"ab\t\x7f\x7f\r"), ("r", 100)]),
    ("erase a tab after a tab", [("w", b"a\tbc\t\x7f\x7f\x7f\x7f\r"), ("r", 100)]),
    ("erase a tab after a prompt",
     [("o", b"abc"), ("w", b"\t\x7fx\t\x7f\r"), ("r", 100)]),
    ("erase a tab after control characters", [("w", b"\x01\x02x\t\x7f\r"), ("r", 100)]),
    ("^H is not erase", [("w", b"ab\x08\r"), ("r", 100)]),
    ("^U kills the line", [("w", b"hello world\x15"), ("w", b"x\r"), ("r", 100)]),
    ("^U without ECHOKE echoes ^U and a newline",
     [("t", lf(0, T.ECHOKE)), ("w", b"hello\x15x\r"), ("r", 100)]),
    ("^U without ECHOK", [("t", lf(0, T.ECHOK | T.ECHOKE)), ("w", b"hello\x15x\r"), ("r", 100)]),
    ("^W erases a word", [("w", b"foo bar  \x17"), ("w", b"\x17x\r"), ("r", 100)]),
    ("^W stops at punctuation", [("w", b"cd /usr/lo_cal\x17\x17\x17\r"), ("r", 100)]),
    ("^W needs IEXTEN", [("t", lf(0, T.IEXTEN)), ("w", b"ab\x17\r"), ("r", 100)]),
    ("^D at the start of a line is end of file, once",
     [("w", b"\x04"), ("r", 100), ("r", 100), ("w", b"x\r"), ("r", 100)]),
    ("^D mid-line pushes the line without a newline",
     [("w", b"abc\x04"), ("r", 100), ("r", 100)]),
    ("^D mid-line, read in parts", [("w", b"abc\x04"), ("r", 2), ("r", 100), ("r", 100)]),
    ("^D mid-line, read exactly", [("w", b"abc\x04\x04"), ("r", 3), ("r", 100), ("r", 100)]),
    ("FIONREAD-like: two ^D lines", [("w", b"a\x04\x04b\n"), ("r", 100), ("r", 100), ("r", 100)]),
    ("^C echoes ^C, flushes the line, signals",
     [("w", b"abc"), ("w", b"\x03"), ("r", 100), ("w", b"d\r"), ("r", 100)]),
    ("^C in the same burst drops the unshown echo", [("w", b"abc\x03"), ("r", 100)]),
    ("^C flushes whole lines too", [("w", b"ab\ncd\x03"), ("r", 100)]),
    ("^\\ and ^Z", [("w", b"a\x1c"), ("w", b"b\x1a"), ("r", 100)]),
    ("NOFLSH keeps the line", [("t", lf(T.NOFLSH)), ("w", b"abc\x03d\r"), ("r", 100)]),
    ("without ISIG ^C is a character",
     [("t", lf(0, T.ISIG)), ("w", b"a\x03\x1a\r"), ("r", 100)]),
    ("without ECHOCTL control characters echo as they are",
     [("t", lf(0, T.ECHOCTL)), ("w", b"a\x01\x03"), ("w", b"b\x01\x7f\r"), ("r", 100)]),
    ("without ECHO nothing echoes", [("t", lf(0, T.ECHO)), ("w", b"ab\x7fc\x03de\r"), ("r", 100)]),
    ("ECHONL echoes only the newline",
     [("t", lf(T.ECHONL, T.ECHO)), ("w", b"ab\r"), ("r", 100)]),
    ("without ICRNL CR is a character", [("t", {"iflag": (0, T.ICRNL)}),
                                         ("w", b"ab\r\n"), ("r", 100)]),
    ("INLCR", [("t", {"iflag": (T.INLCR, 0)}), ("w", b"ab\n\r"), ("r", 100)]),
    ("IGNCR", [("t", {"iflag": (T.IGNCR, 0)}), ("w", b"ab\rc\n"), ("r", 100)]),
    ("ISTRIP", [("t", {"iflag": (T.ISTRIP, 0)}), ("w", b"\xe1\x83\r"), ("r", 100)]),
    ("IUCLC", [("t", {"iflag": (T.IUCLC, 0)}), ("w", b"AbC\xc9\r"), ("r", 100)]),
    ("Latin-1 letters: ^W and erase", [("w", b"x \xe9t\xe9\x17\xff\x7f\xd7\x17\r"), ("r", 100)]),
    ("IUTF8 erases whole characters",
     [("t", {"iflag": (IUTF8, 0)}), ("w", b"a\xc3\xa9\xe2\x82\xac\x7f\x7f\r"), ("r", 100)]),
    ("without IUTF8 erase takes one byte", [("w", b"a\xc3\xa9\x7f\r"), ("r", 100)]),
    ("^V takes the next character literally",
     [("w", b"\x16\x03\x16\x7f\x16"), ("w", b"\x04\r"), ("r", 100)]),
    ("^R reprints the line", [("w", b"ab\x01c\x12"), ("w", b"\r"), ("r", 100)]),
    ("VEOL ends a line", [("t", {"cc": {T.VEOL: ord(";")}}), ("w", b"ab;cd\r"),
                          ("r", 100), ("r", 100)]),
    ("VEOL2 needs IEXTEN", [("t", {"cc": {T.VEOL2: ord("#")}, "lflag": (0, T.IEXTEN)}),
                            ("w", b"ab#cd\r"), ("r", 100)]),
    ("ECHOPRT shows what was erased", [("t", lf(T.ECHOPRT)),
                                       ("w", b"abc\x7f\x7fd\x15"), ("w", b"xy\r"), ("r", 100)]),
    ("without ECHOE erase echoes ^?", [("t", lf(0, T.ECHOE)), ("w", b"ab\x7f\r"), ("r", 100)]),
    ("a different VERASE", [("t", {"cc": {T.VERASE: 8}}), ("w", b"ab\x08\x7f\r"), ("r", 100)]),
    ("raw passes every byte", [("t", RAW), ("w", b"a\r\x03\x7f\n\x04\x11\x13\xff"),
                               ("r", 100), ("r", 100)]),
    ("non-canonical: bytes are there at once, NL echoes as ^J",
     [("t", NONCANON), ("w", b"ab\r\n\x7f\x04"), ("r", 3), ("r", 100), ("r", 100)]),
    ("non-canonical VMIN 0: an empty read is 0",
     [("t", {"lflag": (0, T.ICANON), "cc": {T.VMIN: 0}}), ("r", 10), ("w", b"x"), ("r", 10)]),
    ("non-canonical VMIN 5 without blocking takes what there is",
     [("t", {"lflag": (0, T.ICANON), "cc": {T.VMIN: 5}}), ("w", b"ab"), ("r", 10)]),
    ("raw to canonical: what was typed is one line",
     [("t", RAW), ("w", b"abc"), ("t", {}), ("r", 100), ("r", 100), ("w", b"d\x7f\r"), ("r", 100)]),
    ("canonical to raw: the line being edited is readable",
     [("w", b"ab\ncd"), ("t", NONCANON), ("r", 100)]),
    ("TCSAFLUSH drops what was typed", [("w", b"ab\ncd"), ("tf", {}), ("r", 100),
                                        ("w", b"e\r"), ("r", 100)]),
    ("^S holds echoes, ^Q lets them out",
     [("w", b"\x13"), ("w", b"ab"), ("w", b"\x11"), ("w", b"\r"), ("r", 100)]),
    ("IXANY: any key restarts output", [("t", {"iflag": (T.IXANY, 0)}),
                                        ("w", b"\x13"), ("w", b"ab"), ("w", b"\r"), ("r", 100)]),
    ("^C restarts output", [("w", b"\x13"), ("w", b"ab"), ("w", b"\x03"), ("r", 100)]),
    ("a full canonical line keeps its last byte for the newline",
     [("w", b"a" * 4094 + b"bcd\r"), ("r", 5000), ("r", 100)]),
    ("a full canonical line still erases", [("w", b"a" * 4100 + b"\x7f\x7f\r"), ("r", 5000)]),
    ("a full canonical line with whole lines waits for a read",
     [("w", b"ab\n" + b"c" * 4100 + b"\n"), ("r", 100), ("r", 5000)]),
    ("a full non-canonical queue waits for a read",
     [("t", RAW), ("w", b"x" * 4100), ("r", 5000), ("r", 5000)]),
    ("output: ONLCR", [("o", b"a\nb\r\n")]),
    ("output: tabs", [("t", {"oflag": (T.XTABS, 0)}), ("o", b"ab\tc\t\tx\n\t.")]),
    ("output: OCRNL, ONOCR", [("t", {"oflag": (T.OCRNL, T.ONLCR)}), ("o", b"a\rb\n")]),
    ("output: ONOCR", [("t", {"oflag": (T.ONOCR, 0)}), ("o", b"\rab\r\r")]),
    ("output: ONLRET and tabs", [("t", {"oflag": (T.ONLRET | T.XTABS, T.ONLCR)}),
                                 ("o", b"abc\n\tx")]),
    ("output: OLCUC", [("t", {"oflag": (T.OLCUC, 0)}), ("o", b"abc\xe9\xff\n")]),
    ("output: without OPOST", [("t", {"oflag": (0, T.OPOST)}), ("o", b"a\nb\t")]),
    ("echo: without OPOST", [("t", {"oflag": (0, T.OPOST)}), ("w", b"a\tb\x7f\x7f\x7f\r")]),
]


def termios_of(changes, base):
    t = dict(base)
    t["cc"] = dict(base["cc"])
    for key in ("iflag", "oflag", "lflag"):
        on, off = changes.get(key, (0, 0))
        t[key] = (t[key] | on) & ~off
    t["cc"].update(changes.get("cc", {}))
    return t


def apply(fd, t, when):
    cc = [0] * T.NCCS
    for i, v in t["cc"].items():
        cc[i] = v
    T.tcsetattr(fd, when, [t["iflag"], t["oflag"], t["cflag"], t["lflag"],
                           T.B38400, T.B38400, cc])


def drain(master, quiet=0.05):
    """What the master has, once nothing more came for a while."""
    out = b""
    while select.select([master], [], [], quiet)[0]:
        try:
            out += os.read(master, 65536)
        except OSError:
            break
    return out


def run_case(steps, out):
    """In a child: a new session whose controlling tty is the pty."""
    os.setsid()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, T.TIOCSCTTY, 0)
    got = []
    for sig, name in ((signal.SIGINT, "I"), (signal.SIGQUIT, "Q"), (signal.SIGTSTP, "Z")):
        signal.signal(sig, lambda s, f, name=name: got.append(name))
    raw_master = [0, 0, T.B38400 | T.CS8 | T.CREAD, 0, T.B38400, T.B38400,
                  [0] * T.NCCS]
    raw_master[6][T.VMIN] = 1
    T.tcsetattr(master, T.TCSANOW, raw_master)
    fcntl.fcntl(slave, fcntl.F_SETFL, os.O_NONBLOCK)
    t = termios_of({}, DEFAULT)
    apply(slave, t, T.TCSANOW)
    results = []
    for op, arg in steps:
        if op in ("t", "tf"):
            t = termios_of(arg, DEFAULT)
            apply(slave, t, T.TCSAFLUSH if op == "tf" else T.TCSANOW)
            results.append((op, t))
        elif op == "w":
            del got[:]
            os.write(master, arg)
            echo = drain(master)
            results.append((op, arg, echo, "".join(got)))
        elif op == "r":
            try:
                data = os.read(slave, arg)
                ret = len(data)
            except BlockingIOError:
                data, ret = b"", -errno.EAGAIN
            # The rest of a full queue comes in now, with its echo.
            results.append((op, arg, ret, data, drain(master)))
        elif op == "o":
            os.write(slave, arg)
            results.append((op, arg, drain(master)))
    out.write(repr(results).encode())


def c_bytes(b):
    s = '"'
    for i, x in enumerate(b):
        if 32 <= x < 127 and chr(x) not in '"\\?':
            s += chr(x)
        else:
            s += "\\%03o" % x
        if i % 64 == 63 and i + 1 < len(b):
            s += '"\n\t\t"'
    return s + '"'


def main():
    print("/* Generated by tests/unit/tty_ldisc_linux.py from Linux %s: what its"
          % os.uname().release)
    print(" * n_tty did with each case.  Do not edit; run the script again. */")
    print("#define B(s) s, sizeof(s) - 1")
    print("static const struct linux_case linux_cases[] = {")
    for name, steps in CASES:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            with os.fdopen(w, "wb") as out:
                run_case(steps, out)
            os._exit(0)
        os.close(w)
        with os.fdopen(r, "rb") as inp:
            results = eval(inp.read())
        os.waitpid(pid, 0)
        print("\t{ %s, (const struct linux_step[]){" % c_bytes(name.encode()))
        for res in results:
            if res[0] in ("t", "tf"):
                t = res[1]
                cc = ", ".join(str(t["cc"][i]) for i in range(NCC))
                print("\t\t{ .op = '%s', .termios = { %#x, %#x, %#x, %#x, 0, { %s } } },"
                      % ("t" if res[0] == "t" else "f", t["iflag"], t["oflag"],
                         t["cflag"], t["lflag"], cc))
            elif res[0] == "w":
                print("\t\t{ .op = 'w', .in = B(%s),\n\t\t  .out = B(%s), .signals = \"%s\" },"
                      % (c_bytes(res[1]), c_bytes(res[2]), res[3]))
            elif res[0] == "r":
                print("\t\t{ .op = 'r', .n = %d, .ret = %d, .out = B(%s),\n\t\t  .echo = B(%s) },"
                      % (res[1], res[2], c_bytes(res[3]), c_bytes(res[4])))
            else:
                print("\t\t{ .op = 'o', .in = B(%s), .out = B(%s) },"
                      % (c_bytes(res[1]), c_bytes(res[2])))
        print("\t\t{ 0 } } },")
    print("};")


if __name__ == "__main__":
    main()
