#!/usr/bin/python3
# test-user-guide.py: runs every command of docs/user-guide.md, in order, in one shell on a
# terminal, and compares what each prints with the output the guide shows, so the guide
# cannot go stale.
#
# The conventions (what is a command, what is its output, the placeholders, the blocks that
# are not run) are described at the top of the guide, under "Reading this guide"; this file
# is their implementation. Prints TAP: one test per chapter (/ium/user-guide/CHAPTER).
#
# Environment: IUM_BIN (the built ium), IUM_SOURCE_ROOT (the source tree), as the cli suite
# sets them. Optional: IUM_GUIDE (another guide to check, for trying the checker itself);
# IUM_GUIDE_SHOW=1 prints what every command printed, for editors writing a new section.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import difflib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

# Files of the source tree the guide's commands use, at the same relative paths.
SOURCE_FILES = ["data/demo-inventory.json", "data/facility-schedule.ics"]

# Who the reader is: `ium` records the login name where --as is not given.
READER = "alice"

# The fence infos the guide may use: commands that run, commands that do not, and contents.
RUN = "sh"
NOT_RUN = "console"
CONTENT = {"text", "json", "ics", "ini"}
NOT_RUN_MARK = "# not run by the test: "

COMMAND_TIMEOUT = 120  # seconds for one command
LATE_OUTPUT_WAIT = 30  # seconds to wait for a background program's output to arrive

EXIT_LINE = re.compile(r"^\[exit status (\d+)\]$")
FENCE = re.compile(r"^(\s*)(```+)\s*(\S*)\s*$")
FILE_DIRECTIVE = re.compile(r"^\s*<!--\s*file:\s*(\S+)\s*-->\s*$")
# Placeholders for what changes from run to run, as the guide writes them.
PLACEHOLDERS = {
    "YYYY-MM-DD": r"\d{4}-\d{2}-\d{2}",
    "hh:mm:ss": r"\d{2}:\d{2}:\d{2}",
    "hh:mm": r"\d{2}:\d{2}",
}
PLACEHOLDER = re.compile("|".join(re.escape(p) for p in sorted(PLACEHOLDERS, key=len,
                                                                reverse=True)))
ELLIPSIS = "..."
SERVE = re.compile(r"(?:^|[;&|(]\s*)ium\b[^;&|\n]*\bserve\b")
LISTEN = re.compile(r"--listen[ =](\[[^\]]*\]|[^\s:]*):(\d+)")
LISTENING = re.compile(r"listening on https?://[^ ]*:(\d+)/")


class GuideError(Exception):
    pass


class Command:
    def __init__(self, text, line):
        self.text = text
        self.line = line
        self.expected = []
        self.status = 0


class Block:
    def __init__(self, info, line, chapter, file_name):
        self.info = info
        self.line = line
        self.chapter = chapter
        self.file_name = file_name
        self.lines = []
        self.commands = []


def slug(heading):
    """A heading's anchor, as GitHub makes it: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def parse_blocks(path):
    """Every fenced block of the guide, with the chapter (## heading) it is in."""
    blocks = []
    chapter = None
    block = None
    indent = ""
    pending_file = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines, 1):
        fence = FENCE.match(line)
        if block is not None:
            if fence and fence.group(3) == "" and len(fence.group(2)) >= 3:
                blocks.append(block)
                block = None
                continue
            if line.strip() and not line.startswith(indent):
                raise GuideError(f"line {number}: less indented than its block's fence")
            block.lines.append(line[len(indent):])
            continue
        if fence:
            info = fence.group(3)
            if info not in CONTENT and info not in (RUN, NOT_RUN):
                raise GuideError(
                    f"line {number}: a block must say what it holds: ```sh (commands the test "
                    f"runs), ```console (commands it does not run) or one of "
                    f"{', '.join(sorted(CONTENT))}; this one says “{info}”")
            indent = fence.group(1)
            block = Block(info, number, chapter, pending_file)
            pending_file = None
            continue
        directive = FILE_DIRECTIVE.match(line)
        if directive:
            pending_file = directive.group(1)
            continue
        if line.strip():
            if pending_file is not None:
                raise GuideError(f"line {number}: a <!-- file: --> line must come right "
                                 f"before its block")
            if line.startswith("## "):
                chapter = line[3:].strip()
    if block is not None:
        raise GuideError(f"line {block.line}: the block is never closed")
    if pending_file is not None:
        raise GuideError(f"<!-- file: {pending_file} --> has no block after it")
    return blocks


def parse_session(block):
    """Splits a ```sh block into commands and the output each shows."""
    command = None
    lines = block.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        number = block.line + 1 + i
        if line.startswith("$ "):
            text = line[2:]
            while text.endswith("\\") and i + 1 < len(lines):
                i += 1
                text += "\n" + lines[i]
            if not text.strip():
                raise GuideError(f"line {number}: “$ ” with no command")
            command = Command(text, number)
            block.commands.append(command)
        elif command is None:
            if line.strip():
                raise GuideError(f"line {number}: a ```sh block starts with a command "
                                 f"(“$ ”), not with “{line}”")
        else:
            command.expected.append(line)
        i += 1
    for command in block.commands:
        while command.expected and not command.expected[-1].strip():
            command.expected.pop()
        if command.expected:
            m = EXIT_LINE.match(command.expected[-1])
            if m:
                command.status = int(m.group(1))
                command.expected.pop()
                if command.status == 0:
                    raise GuideError(f"line {command.line}: [exit status 0] is the default; "
                                     f"leave it out")
        for line in command.expected:
            if EXIT_LINE.match(line):
                raise GuideError(f"line {command.line}: [exit status N] must be the last line "
                                 f"of the output")


def check_blocks(blocks):
    for block in blocks:
        if block.info == RUN:
            parse_session(block)
            if not block.commands:
                raise GuideError(f"line {block.line}: a ```sh block without a command")
            if block.chapter is None:
                raise GuideError(f"line {block.line}: a command before the first chapter")
        elif block.info == NOT_RUN:
            first = block.lines[0] if block.lines else ""
            if not first.startswith(NOT_RUN_MARK) or not first[len(NOT_RUN_MARK):].strip():
                raise GuideError(f"line {block.line}: a ```console block starts with a line "
                                 f"“{NOT_RUN_MARK}REASON”, for readers")
        elif any(line.startswith("$ ") for line in block.lines):
            raise GuideError(f"line {block.line}: a “$ ” command in a ```{block.info} block "
                             f"would never run; use ```sh (or ```console with the reason)")


def prose_lines(path):
    """The lines of a Markdown file outside its fenced blocks."""
    inside = False
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if re.match(r"^\s*```", line):
                inside = not inside
            elif not inside:
                yield line


def anchors(path):
    """The anchors of a Markdown file's headings, as GitHub makes them, and its id="..."."""
    result = set()
    seen = {}
    for line in prose_lines(path):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            base = slug(m.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            result.add(base if count == 0 else f"{base}-{count}")
        result.update(re.findall(r'\bid="([^"]+)"', line))
    return result


LINK = re.compile(r"\]\(([^)\s]+)\)")


def check_links(guide, source_root):
    """Every relative link of the guide leads somewhere, and every link to the guide from the
    other pages finds its heading: renaming a chapter must not break them."""
    problems = []
    docs = os.path.dirname(os.path.abspath(guide))

    def check(page, target):
        if re.match(r"^[a-z]+:", target):
            return
        path, _, anchor = target.partition("#")
        file = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        if not os.path.exists(file):
            problems.append(f"{os.path.relpath(page, source_root)}: the link {target} leads "
                            f"to no file")
        elif anchor and file.endswith(".md") and anchor not in anchors(file):
            problems.append(f"{os.path.relpath(page, source_root)}: the link {target} finds "
                            f"no heading “#{anchor}” in {os.path.relpath(file, source_root)}")

    for line in prose_lines(guide):
        for target in LINK.findall(line):
            check(guide, target)
    pages = [os.path.join(source_root, "README.md")] + \
        [os.path.join(docs, name) for name in sorted(os.listdir(docs)) if name.endswith(".md")]
    for page in pages:
        if not os.path.exists(page) or os.path.samefile(page, guide):
            continue
        for line in prose_lines(page):
            for target in LINK.findall(line):
                if os.path.basename(target.partition("#")[0]) == os.path.basename(guide):
                    check(page, target)
    return problems


def line_pattern(line):
    """A regular expression for one expected line with its placeholders."""
    parts = []
    pos = 0
    for m in PLACEHOLDER.finditer(line):
        parts.append(re.escape(line[pos:m.start()]))
        # Output may hold the placeholder's own text ("is not a date (YYYY-MM-DD)").
        parts.append(f"(?:{PLACEHOLDERS[m.group(0)]}|{re.escape(m.group(0))})")
        pos = m.end()
    parts.append(re.escape(line[pos:]))
    return re.compile("".join(parts))


def matches(expected, actual):
    """Whether the actual lines fit the expected ones; "..." stands for any lines."""
    patterns = [None if line.strip() == ELLIPSIS else line_pattern(line) for line in expected]
    memo = {}

    def fit(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(patterns):
            result = j == len(actual)
        elif patterns[i] is None:
            result = any(fit(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and patterns[i].fullmatch(actual[j]) is not None \
                and fit(i + 1, j + 1)
        memo[(i, j)] = result
        return result

    return fit(0, 0)


def shown(expected, actual):
    """The actual lines for a diff: a line that fits an expected line with placeholders is
    shown as that line, so that the diff shows only what really differs."""
    patterns = [(line, line_pattern(line)) for line in expected if PLACEHOLDER.search(line)]
    result = []
    for line in actual:
        for text, pattern in patterns:
            if pattern.fullmatch(line):
                line = text
                break
        result.append(line)
    return result


class Shell:
    """One bash, its output on a terminal, fed one command at a time."""

    def __init__(self, cwd, env):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        self.master = master
        self.proc = subprocess.Popen(["/bin/bash", "--noprofile", "--norc"],
                                     stdin=subprocess.PIPE, stdout=slave, stderr=slave,
                                     cwd=cwd, env=env, start_new_session=True)
        os.close(slave)
        self.pending = b""

    def read(self, deadline, until=None):
        """Reads the terminal until @until (a compiled bytes regex) matches or @deadline."""
        while True:
            if until is not None:
                m = until.search(self.pending)
                if m:
                    return m
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    data = b""
                if not data:
                    if until is None:
                        return None
                    raise GuideError("the shell ended")
                self.pending += data

    def run(self, text):
        """Runs @text; returns (exit status, output), or (None, output so far) on a timeout."""
        script = "{ " + text + "\n} </dev/null\nprintf '\\036%d\\037' \"$?\"\n"
        self.proc.stdin.write(script.encode())
        self.proc.stdin.flush()
        m = self.read(time.monotonic() + COMMAND_TIMEOUT, re.compile(rb"\x1e(\d+)\x1f"))
        if m is None:
            output, self.pending = self.pending, b""
            return None, output
        output = self.pending[:m.start()]
        self.pending = self.pending[m.end():]
        return int(m.group(1)), output

    def more(self, seconds):
        """What background programs printed since, within @seconds."""
        self.read(time.monotonic() + seconds)
        output, self.pending = self.pending, b""
        return output

    def close(self):
        try:
            self.proc.stdin.write(b"kill $(jobs -p) 2>/dev/null; wait\nexit 0\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        self.proc.wait()
        os.close(self.master)


class Run:
    def __init__(self, source_root, home, shell):
        self.source_root = source_root
        self.home = home
        self.shell = shell
        self.ports = {}  # the guide's port -> the real one
        self.background = False

    def substitute_command(self, text):
        """The server's ports: a free one for each port the guide names."""
        if SERVE.search(text):
            m = LISTEN.search(text)
            if m is None:
                guide_port = "8080"
                real = self.ports.get(guide_port, "0")
                text = re.sub(r"\bserve\b", f"serve --listen 127.0.0.1:{real}", text, count=1)
            else:
                guide_port = m.group(2)
                real = self.ports.get(guide_port, "0")
                text = text[:m.start(2)] + real + text[m.end(2):]
            return text, guide_port
        for guide_port, real in self.ports.items():
            text = re.sub(rf":{guide_port}(?!\d)", f":{real}", text)
        return text, None

    def normalise(self, output):
        text = output.decode("utf-8", errors="replace").replace("\r", "")
        for path in {self.home, os.path.realpath(self.home)}:
            text = text.replace(path, "~")
        for guide_port, real in self.ports.items():
            text = re.sub(rf":{real}(?!\d)", f":{guide_port}", text)
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        return lines

    def write_file(self, block):
        """Writes a <!-- file: NAME --> block where the commands are (their shell's current
        folder); a file of the source tree is compared with it instead."""
        text = "\n".join(block.lines) + "\n"
        if block.file_name in SOURCE_FILES:
            with open(os.path.join(self.source_root, block.file_name), encoding="utf-8") as f:
                if f.read() != text:
                    return [f"line {block.line}: the block is not {block.file_name} of the "
                            f"source tree"]
            return []
        status, output = self.shell.run("pwd")
        if status != 0:
            raise GuideError(f"line {block.line}: cannot find the shell's folder")
        path = os.path.join(output.decode().strip(), block.file_name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return []

    def run_command(self, command):
        """Runs one command; returns a list of problems (empty when it did as the guide says)."""
        text, serve_port = self.substitute_command(command.text)
        background = text.rstrip().endswith("&") and not text.rstrip().endswith("&&")
        status, output = self.shell.run(text)
        if status is None:
            raise GuideError(f"line {command.line}: `{command.text}` did not finish within "
                             f"{COMMAND_TIMEOUT} s; output so far:\n"
                             + output.decode("utf-8", errors="replace"))
        if background:
            self.background = True
        wanted = sum(1 for line in command.expected if line.strip() != ELLIPSIS)
        if serve_port is not None and background:
            # Wait for the server's "listening on" line and learn its port.
            deadline = time.monotonic() + LATE_OUTPUT_WAIT
            while time.monotonic() < deadline and not LISTENING.search(output.decode(
                    "utf-8", errors="replace")):
                output += self.shell.more(0.2)
            m = LISTENING.search(output.decode("utf-8", errors="replace"))
            if m:
                self.ports[serve_port] = m.group(1)
        actual = self.normalise(output)
        if self.background:
            # A program in the background may still be printing (a server that stops).
            deadline = time.monotonic() + LATE_OUTPUT_WAIT
            while not matches(command.expected, actual) and time.monotonic() < deadline \
                    and len(actual) < wanted:
                output += self.shell.more(0.3)
                actual = self.normalise(output)
        if os.environ.get("IUM_GUIDE_SHOW"):
            print(f"# line {command.line}: $ {command.text} [exit status {status}]")
            for line in actual:
                print(f"#   {line}")
        problems = []
        if status != command.status:
            problems.append(f"line {command.line}: `{command.text}` exited with status "
                            f"{status}, the guide says {command.status}")
        if not matches(command.expected, actual):
            diff = difflib.unified_diff(command.expected, shown(command.expected, actual),
                                        "the guide", "the command", lineterm="")
            problems.append(f"line {command.line}: `{command.text}` printed something else:\n"
                            + "\n".join(diff))
        return problems


def environment(home, bindir):
    env = {
        "HOME": home,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "TERM": "dumb",
        "SHELL": "/bin/bash",
    }
    # What the test harness or the sanitizers need, and nothing of the caller's own setup
    # (no IUM_DB, XDG_*, LANGUAGE).
    for name in ("TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MALLOC_CHECK_",
                 "G_DEBUG"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def make_tree(work, source_root, ium_bin):
    """The folder the commands run in: the source tree's data files and a _build/src/cli/ium
    that runs the built ium as the reader."""
    for name in SOURCE_FILES:
        os.makedirs(os.path.join(work, os.path.dirname(name)), exist_ok=True)
        shutil.copyfile(os.path.join(source_root, name), os.path.join(work, name))
    clidir = os.path.join(work, "_build", "src", "cli")
    os.makedirs(clidir)
    wrapper = os.path.join(clidir, "ium")
    with open(wrapper, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n"
                f"# The guide's reader is {READER}: the name ium records where --as is not "
                "given.\n"
                "for arg; do\n"
                "  case $arg in --as|--as=*) exec \"$IUM_GUIDE_BIN\" \"$@\" ;; esac\n"
                "done\n"
                f"exec \"$IUM_GUIDE_BIN\" --as {READER} \"$@\"\n")
    os.chmod(wrapper, 0o755)
    return clidir


def main():
    source_root = os.environ.get("IUM_SOURCE_ROOT") or \
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    guide = os.environ.get("IUM_GUIDE") or os.path.join(source_root, "docs", "user-guide.md")
    ium_bin = os.environ.get("IUM_BIN")
    if not ium_bin:
        print("Bail out! IUM_BIN is not set (run this through meson test)")
        return 1

    try:
        blocks = parse_blocks(guide)
        check_blocks(blocks)
    except GuideError as e:
        print("1..1")
        print("not ok 1 /ium/user-guide/conventions")
        print(f"# {guide}: {e}")
        print(f"/ium/user-guide/conventions: {guide}: {e}", file=sys.stderr)
        return 1

    chapters = []
    for block in blocks:
        if block.info == RUN or block.file_name is not None:
            if not chapters or chapters[-1][0] != block.chapter:
                chapters.append((block.chapter, []))
            chapters[-1][1].append(block)
    not_run = sum(1 for b in blocks if b.info == NOT_RUN)
    print(f"1..{len(chapters) + 1}")
    print(f"# {guide}: {sum(len(b.commands) for b in blocks)} commands to run, "
          f"{not_run} blocks not run")

    failed = 0
    problems = check_links(guide, source_root)
    if problems:
        failed += 1
        print("not ok 1 /ium/user-guide/conventions")
        for problem in problems:
            print(f"# {problem}")
            print(f"/ium/user-guide/conventions: {problem}", file=sys.stderr)
    else:
        print("ok 1 /ium/user-guide/conventions")
    with tempfile.TemporaryDirectory(prefix="ium-test-user-guide-") as tmp:
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        bindir = make_tree(home, source_root, ium_bin)
        env = environment(home, bindir)
        env["IUM_GUIDE_BIN"] = ium_bin
        shell = Shell(home, env)
        run = Run(source_root, home, shell)
        aborted = None
        try:
            for number, (chapter, chapter_blocks) in enumerate(chapters, 2):
                name = f"/ium/user-guide/{slug(chapter)}"
                if aborted:
                    print(f"not ok {number} {name} # not run: {aborted}")
                    failed += 1
                    continue
                problems = []
                count = 0
                try:
                    for block in chapter_blocks:
                        if block.file_name is not None:
                            problems += run.write_file(block)
                        for command in block.commands:
                            problems += run.run_command(command)
                            count += 1
                except GuideError as e:
                    problems.append(str(e))
                    aborted = "an earlier command did not finish"
                if problems:
                    failed += 1
                    print(f"not ok {number} {name}")
                    for problem in problems:
                        for line in problem.split("\n"):
                            print(f"# {line}")
                        # On stderr too, which `meson test --print-errorlogs` shows.
                        print(f"{name}: {problem}", file=sys.stderr)
                else:
                    print(f"ok {number} {name} # {count} commands")
                sys.stdout.flush()
        finally:
            shell.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
