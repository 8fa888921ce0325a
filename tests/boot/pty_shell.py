#!/usr/bin/env python3
# pty_shell.py SUFFIX TIMEOUT COMMAND...: run COMMAND (lguest run, booting the
# interactive busybox shell) on a pseudo-terminal and type at it as a
# person would (pty_term.py).  Prints "ok NAME" / "not ok NAME" per step
# (each NAME ends with SUFFIX); the last step wants COMMAND's exit status
# to be the shell's `exit 3`.
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_term import Term, check as term_check

suffix, timeout = sys.argv[1], float(sys.argv[2])
t = Term(sys.argv[3:])


def prompt():
    """The next prompt, and a pause before typing."""
    t.read_until(b'# ', timeout)
    time.sleep(0.3)


def check(name, good):
    return term_check(t, name + suffix, good)


# The prompt, then a command typed key by key, as line editing sees it.
if check('shell-prompts', t.read_until(b'# ', timeout)):
    time.sleep(0.3)
    t.type('echo hel""lo\r')
    check('shell-runs-a-typed-line', t.read_until(b'\nhello', timeout))
    prompt()
    # A read with a timeout: nothing typed, it gives up (busybox says 1).
    t.type('read -t 1 x; echo "read status $?"\r')
    check('shell-read-times-out', t.read_until(b'read status 1', timeout))
    prompt()
    # The tty's VTIME timer: no byte within 0.5 s ends the read empty,
    # and not sooner; a byte typed within 3 s is read.
    # ("ready" says the tty is in its new mode: a byte typed after it is
    # dd's, however slowly the shell gets there.)
    vtime = 'stty -icanon min 0 time %d; echo ready; echo "got $(dd bs=1 count=1 2>/dev/null | wc -c)"; stty icanon\r'
    t.type(vtime % 5)
    start = time.time()
    got = t.read_until(b'got 0', timeout)
    check('tty-vtime-read-ends-empty-after-it', got and time.time() - start >= 0.5)
    prompt()
    t.type(vtime % 30)
    t.read_until(b'\nready', timeout)
    time.sleep(0.5)
    os.write(t.fd, b'x')
    check('tty-vtime-read-takes-a-byte-within-it', t.read_until(b'got 1', timeout))
    prompt()
    t.type('exit 3\r')
check('shell-exit-3-is-lguests-status', t.wait(timeout) == 3)
