# A program on a pseudo-terminal, typed at as a person would: shared by
# pty_shell.py and tty_session.py.
import fcntl, os, pty, re, select, signal, struct, termios, time


class Term:
    def __init__(self, argv, rows=0, cols=0):
        """Start argv on a new pseudo-terminal of rows x cols (0: none)."""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            # As a terminal starts its shell: every signal at its default.
            # (Python ignores SIGPIPE, and a test run in the background of
            # a script inherits SIGINT and SIGQUIT ignored, which exec
            # keeps: then ^C would reach no program, under Linux too.)
            for sig in range(1, signal.NSIG):
                try:
                    signal.signal(sig, signal.SIG_DFL)
                except (OSError, ValueError):
                    pass
            if rows:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
            os.execvp(argv[0], argv)
        self.seen = b''
        self.pos = 0    # where the next read_until looks from: past the last match
        self.status = None

    def read_until(self, pattern, seconds):
        """Read the terminal until pattern appears after the last match (it
        may have arrived already, with what came before it)."""
        end = time.time() + seconds
        while True:
            at = self.seen.find(pattern, self.pos)
            if at >= 0:
                self.pos = at + len(pattern)
                return True
            if time.time() >= end:
                return False
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if not r:
                continue
            try:
                data = os.read(self.fd, 4096)
            except OSError:
                data = b''
            if not data:
                return self.seen.find(pattern, self.pos) >= 0
            self.seen += data

    def type(self, text):
        """Key by key, as a person types.  A key that sends an escape
        sequence (ESC [ ... letter) sends it in one write, as a terminal
        does: a reader that sees ESC alone for long takes it as the Esc
        key (busybox's line editing waits 50 ms)."""
        data = text.encode() if isinstance(text, str) else text
        for key in re.findall(rb'\x1b\[[0-9;]*[@-~]|.', data, re.S):
            os.write(self.fd, key)
            time.sleep(0.02)

    def wait(self, seconds):
        """The program's exit status (as a shell would say it), or None
        if it still runs after seconds (then it is killed)."""
        end = time.time() + seconds
        while time.time() < end:
            done, st = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
            try:
                if select.select([self.fd], [], [], 0.1)[0]:
                    self.seen += os.read(self.fd, 4096)
            except OSError:
                time.sleep(0.1)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        return None

    def alive(self):
        return os.waitpid(self.pid, os.WNOHANG)[0] == 0


def check(term, name, good, why=''):
    """Print ok/not ok NAME; a failure shows the terminal's last bytes."""
    if good:
        print('ok ' + name)
    else:
        print('not ok ' + name)
        if why:
            print('    ' + why)
        print('    terminal (last 400 bytes): ' + repr(term.seen[-400:].decode('latin-1')))
    return good
