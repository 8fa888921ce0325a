#!/usr/bin/env python3
# tty_session.py WORLD TIMEOUT TRANSCRIPT ORACLE COMMAND...: the interactive busybox
# shell that COMMAND starts, on a pseudo-terminal of 33 rows and 101
# columns, typed at key by key: echo, line editing, the signal keys, job
# control, history, the window size and Ctrl-D.  Prints "ok NAME-WORLD" per
# check.  Each step's output (up to the next prompt) is written to
# TRANSCRIPT as JSON; when ORACLE is such a file (from busybox on Linux),
# each step must print the same bytes, once the differences that are not
# the tty's are taken out (see same()).
import json, os, re, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_term import Term, check

world, timeout, transcript_file, oracle_file = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
t = Term(sys.argv[5:], rows=33, cols=101)
# A fresh prompt ends with busybox's cursor-position query; the line
# redrawn after ^U does not.
PROMPT = b'# \x1b[6n'
steps = {}
start = 0


def step(name, keys, until=PROMPT, seconds=None):
    """Type keys, read up to the pattern; keep what came as step name."""
    global start
    t.type(keys)
    got = t.read_until(until, seconds or min(timeout, 10))
    if until.endswith(b'\r'):
        # Up to the newline's end, which the lguest command's output
        # processing makes \r\r\n.
        got = got and t.read_until(b'\n', 5)
    steps[name] = t.seen[start:t.pos].decode('latin-1')
    start = t.pos
    if until == PROMPT:
        time.sleep(0.3)     # as a person pauses at the prompt
    return got


# The job the signal keys are sent at: cat, which prints the file "go"
# and then reads the terminal.  The shell's child makes itself the
# terminal's foreground before it runs cat, and cat starts with every
# signal at its default, so a key sent once "go" is seen reaches it
# however slowly the machine goes.  (A fixed wait lost the key on a
# loaded machine, under Linux as in the Guest; so did "go" printed by a
# shell before it ran exec: sh -c ignores ^\ until then.)  cat never ends
# by itself, so the prompt after a key is the key's doing.
JOB = 'cat go -'


def start_job(name):
    """Type the job and wait until it runs."""
    return step(name, JOB + '\r', b'\ngo\r')


def cat_echoes(name, line):
    """Type a line at the job: the terminal echoes it and cat, which can
    read only in the foreground, prints it again."""
    global start
    wait = min(timeout, 10)
    t.type(line + '\r')
    got = all(t.read_until(line.encode() + b'\r', wait) and t.read_until(b'\n', wait)
              for _ in range(2))
    steps[name] = t.seen[start:t.pos].decode('latin-1')
    start = t.pos
    return got


def ok(name, good, why=''):
    return check(t, name + '-' + world, good, why)


if ok('tty-shell-prompts', t.read_until(PROMPT, timeout)):
    time.sleep(0.3)
    start = t.pos
    ok('tty-typed-characters-echo', step('echo', 'echo abX', b'echo abX', 5))
    ok('tty-backspace-erases', step('backspace', '\x7fc\r') and '\nabc\r' in steps['backspace'])
    ok('tty-ctrl-u-kills-the-line', step('ctrl-u', 'echo zzz\x15echo uu\r') and '\nuu\r' in steps['ctrl-u'])
    step('make-go', 'echo go >go\r')

    # ^C: the job ends; the shell and lguest go on.
    start_job('job-int')
    ok('tty-ctrl-c-interrupts-the-command', step('ctrl-c', '\x03'))
    ok('tty-ctrl-c-spares-the-shell', step('alive', 'echo alive\r') and '\nalive\r' in steps['alive'] and t.alive())

    # ^\: SIGQUIT, which the shell reports.
    start_job('job-quit')
    ok('tty-ctrl-backslash-quits', step('ctrl-backslash', '\x1c') and 'Quit' in steps['ctrl-backslash'])

    # ^Z stops the job; jobs lists it; fg runs it in the foreground again
    # (cat reads the terminal, and ^C reaches it); a signal sent while it
    # is stopped waits for fg.
    start_job('job-stop')
    ok('tty-ctrl-z-stops', step('ctrl-z', '\x1a') and 'Stopped' in steps['ctrl-z'])
    ok('tty-jobs-shows-it-stopped', step('jobs', 'jobs\r')
       and re.search(r'\[1\]\+ +Stopped +cat go -', steps['jobs']))
    step('fg', 'fg\r', b'cat go -\r')
    ok('tty-fg-brings-it-back', cat_echoes('fg-reads', 'back') and step('fg-ctrl-c', '\x03'))
    start_job('job-kill')
    step('ctrl-z-again', '\x1a')
    step('kill', 'kill %1\r')
    ok('tty-kill-waits-for-fg', step('kill-fg', 'fg\r') and 'Terminated' in steps['kill-fg'])
    ok('tty-no-jobs-left', step('no-jobs', 'jobs\r') and 'cat' not in steps['no-jobs'].split('\n', 1)[1])

    # busybox's line editing: up-arrow recalls the last command.
    step('recall-1', 'echo recalled\r')
    ok('tty-up-arrow-recalls', step('up-arrow', '\x1b[A\r') and steps['up-arrow'].count('recalled') == 2)

    # The window size lguest passed (or the pty's, on Linux).
    ok('tty-stty-size', step('stty-size', 'stty size\r') and '\n33 101\r' in steps['stty-size'])
    ok('tty-stty-a', step('stty-a', 'stty -a\r') and 'rows 33; columns 101;' in steps['stty-a'])

    # ^D at an empty prompt ends the shell with its last status.
    step('false', 'false\r')
    t.type('\x04')
    ok('tty-ctrl-d-ends-the-shell', t.wait(timeout) == 1, 'status %s, wanted 1' % t.status)
else:
    t.wait(0)

json.dump(steps, open(transcript_file, 'w'), indent=0)


def same(s):
    """What must match Linux: the Guest's \\r\\n comes through the lguest
    command's own output processing as \\r\\r\\n; the prompt names the
    directory; Linux's pty starts -hupcl, a console hupcl."""
    s = s.replace('\r\r\n', '\r\n').replace(' -hupcl', ' hupcl')
    return re.sub(r'[^\s#]* # ', '# ', s)


if oracle_file != '-':
    oracle = json.load(open(oracle_file))
    for name, want in oracle.items():
        got = steps.get(name)
        if got is None or same(got) != same(want):
            ok('tty-as-linux-' + name, False, 'Linux: %r\n    here:  %r' % (same(want), same(got or '')))
        else:
            ok('tty-as-linux-' + name, True)
