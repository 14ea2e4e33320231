#!/usr/bin/env python3
"""Rewrites the output blocks of the README's examples from what a calicap build prints, so
that the README shows the tool's real output. Run it from the repository root after a change of
output (other branches merged), then read the diff:

  Scripts/refresh-readme-examples.py .build/debug/calicap [README.md]

An example is a ```sh block preceded by a marker line

  <!-- example: dir=FOLDER [keep="PREFIX+N|PREFIX+N…"] [width=W] -->

and followed by a plain ``` block, its output. The command is the block's last line that starts
with `calicap` or `.build/release/calicap` (a line ending in `\\` continues on the next), run in
FOLDER (relative to the repository root) with the given build in place of `calicap`; the output
is standard output, then standard error.

How the output block is made (and how Tests/CLITests/ReadmeExampleTests.swift reads it):
- without keep, every line is shown;
- keep="Flows+3|Summary+8" shows, for each PREFIX+N, the first line that starts with PREFIX
  (after its indentation) not shown yet, and the N lines after it; a line `…` (indented as the
  first line it stands for) replaces each run of lines not shown, including at the start and
  the end;
- width=W cuts a shown line longer than W characters at its last space before W and ends it
  with ` …`.
So in a README output block, a line holding only `…` stands for any number of lines (none
too), and a line ending in `…` for any line that begins with the text before it.
"""
import os, re, shlex, subprocess, sys

MARKER = re.compile(r"^<!-- example: (.*) -->$")
ELLIPSIS = "\u2026"


def parse_marker(text):
    settings = {}
    for word in shlex.split(text):
        key, _, value = word.partition("=")
        settings[key] = value
    if "dir" not in settings:
        raise SystemExit(f"example marker without dir=: {text}")
    return settings


def command_of(block_lines):
    """The last calicap command of a sh block, continuation lines joined."""
    joined, current = [], ""
    for line in block_lines:
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        joined.append(current + line)
        current = ""
    commands = [line.strip() for line in joined
                if line.strip().startswith(("calicap ", ".build/release/calicap "))]
    if not commands:
        raise SystemExit("example block without a calicap command: " + " / ".join(block_lines))
    return commands[-1]


def run(calicap, folder, command):
    words = shlex.split(command)
    arguments = words[1:]
    result = subprocess.run([calicap, *arguments], cwd=folder, capture_output=True)
    text = result.stdout.decode() + result.stderr.decode()
    return text.rstrip("\n").split("\n")


def shown(lines, keep, width):
    selected = [keep is None] * len(lines)
    if keep is not None:
        for selector in keep.split("|"):
            prefix, _, count = selector.rpartition("+")
            if not prefix or not count.isdigit():
                raise SystemExit(f"bad keep selector {selector!r} (PREFIX+N)")
            start = next((i for i, line in enumerate(lines)
                          if not selected[i] and line.lstrip().startswith(prefix)), None)
            if start is None:
                raise SystemExit(f"keep selector {selector!r}: no output line starts with {prefix!r}")
            for i in range(start, min(len(lines), start + int(count) + 1)):
                selected[i] = True
    result, eliding = [], False
    for line, keep_line in zip(lines, selected):
        if keep_line:
            eliding = False
            if width and len(line) > width:
                cut = line.rfind(" ", 0, width - 2)
                line = (line[:cut] if cut > 0 else line[:width - 2]) + " " + ELLIPSIS
            result.append(line)
        elif not eliding:
            eliding = True
            indent = line[:len(line) - len(line.lstrip())]
            result.append(indent + ELLIPSIS)
    return result


def refresh(calicap, readme):
    lines = open(readme, encoding="utf-8").read().split("\n")
    output, index, examples = [], 0, 0
    while index < len(lines):
        line = lines[index]
        output.append(line)
        match = MARKER.match(line)
        index += 1
        if not match:
            continue
        settings = parse_marker(match.group(1))
        # The command block.
        if index >= len(lines) or not lines[index].startswith("```sh"):
            raise SystemExit(f"{readme}:{index}: an example marker must precede a ```sh block")
        end = lines.index("```", index + 1)
        command = command_of(lines[index + 1:end])
        output.extend(lines[index:end + 1])
        index = end + 1
        # Blank lines, then the output block, replaced.
        while index < len(lines) and lines[index] == "":
            output.append(lines[index])
            index += 1
        if index >= len(lines) or lines[index] != "```":
            raise SystemExit(f"{readme}:{index + 1}: the example's output block (```) must follow its command")
        end = lines.index("```", index + 1)
        width = int(settings["width"]) if settings.get("width") else None
        real = run(calicap, settings["dir"], command)
        output.append("```")
        output.extend(shown(real, settings.get("keep"), width))
        output.append("```")
        index = end + 1
        examples += 1
    with open(readme, "w", encoding="utf-8") as file:
        file.write("\n".join(output))
    print(f"{examples} examples refreshed in {readme}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    refresh(os.path.abspath(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "README.md")
