#!/usr/bin/env python3
# pty_shell.py SUFFIX TIMEOUT COMMAND...: run COMMAND (lguest run, booting the
# interactive busybox shell) on a pseudo-terminal and type at it as a
# person would.  Prints "ok NAME" / "not ok NAME" per step (each NAME
# ends with SUFFIX); the last step
# wants COMMAND's exit status to be the shell's `exit 3`.
import os, pty, select, sys, time

suffix, timeout = sys.argv[1], float(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[3], sys.argv[3:])
seen = b''
pos = 0     # where the next read_until looks from: just past the last match


def read_until(pattern, seconds):
    """Read the terminal until pattern appears after the last match (it may
    have arrived already, with what came before it)."""
    global seen, pos
    end = time.time() + seconds
    while True:
        at = seen.find(pattern, pos)
        if at >= 0:
            pos = at + len(pattern)
            return True
        if time.time() >= end:
            return False
        r, _, _ = select.select([fd], [], [], 0.1)
        if not r:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:
            return seen.find(pattern, pos) >= 0
        if not data:
            return seen.find(pattern, pos) >= 0
        seen += data


def prompt():
    """The next prompt, and a pause before typing."""
    read_until(b'# ', timeout)
    time.sleep(0.3)


def type_line(text):
    """Key by key, as a person types."""
    for c in text.encode():
        os.write(fd, bytes([c]))
        time.sleep(0.02)


def check(name, good):
    if good:
        print('ok ' + name + suffix)
    else:
        print('not ok ' + name + suffix)
        tail = seen[-400:].decode('latin-1')
        print('    terminal (last 400 bytes): ' + repr(tail))
    return good


# The prompt, then a command typed key by key, as line editing sees it.
if check('shell-prompts', read_until(b'# ', timeout)):
    time.sleep(0.3)
    type_line('echo hel""lo\r')
    check('shell-runs-a-typed-line', read_until(b'\nhello', timeout))
    prompt()
    # A read with a timeout: nothing typed, it gives up (busybox says 1).
    type_line('read -t 1 x; echo "read status $?"\r')
    check('shell-read-times-out', read_until(b'read status 1', timeout))
    prompt()
    # The tty's VTIME timer: no byte within 0.5 s ends the read empty,
    # and not sooner; a byte typed within 3 s is read.
    vtime = 'stty -icanon min 0 time %d; echo "got $(dd bs=1 count=1 2>/dev/null | wc -c)"; stty icanon\r'
    type_line(vtime % 5)
    start = time.time()
    got = read_until(b'got 0', timeout)
    check('tty-vtime-read-ends-empty-after-it', got and time.time() - start >= 0.5)
    prompt()
    type_line(vtime % 30)
    time.sleep(1)
    os.write(fd, b'x')
    check('tty-vtime-read-takes-a-byte-within-it', read_until(b'got 1', timeout))
    prompt()
    type_line('exit 3\r')
    read_until(b'\0never', 10)
end = time.time() + timeout
status = None
while time.time() < end:
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(st)
        break
    try:
        os.read(fd, 4096)
    except OSError:
        time.sleep(0.1)
if status is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
check('shell-exit-3-is-lguests-status', status == 3)
