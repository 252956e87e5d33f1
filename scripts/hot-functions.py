#!/usr/bin/env python3
"""Writes scripts/hot-functions.txt: the functions of the thaireport binary that typical runs execute.

scripts/release-build.sh gives the list to the linker (lld's --symbol-ordering-file), which lays those
functions out side by side. The kernel maps a program's code 64 kB at a time around each page it
uses, so code that runs scattered over the 80 MB static binary (Swift runtime, Foundation, the
libraries and thaireport itself) costs far more resident memory than its size: 9.1 MB for a
one-paragraph document before the ordering, 5.4 MB after.

The runs: a one-paragraph document, every example in Templates/ (render), the complete example
(render and check). Each is run under valgrind's callgrind, which records every function executed.
Functions used by more runs come first (all runs share the start-up and the common path), then by
name, so that the list changes little from one run to the next. Run it again after
large changes (a stale list is harmless: names not in the binary are skipped, new functions are
just not grouped).

The list serves every toolchain: run it with each Swift the project is built with (Debian 12 with
swift.org's toolchain, Debian 13's swiftlang); names another toolchain gave are kept after this one's.

usage: python3 scripts/hot-functions.py [--binary PATH] [--replace]   (needs valgrind: apt-get install valgrind)
"""
import argparse
import collections
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "scripts", "hot-functions.txt")
OWN_MODULES = ["thaireport", "ThaiReport", "ThaiText", "Graphics", "LibYAML", "ReportSyntax", "ReportTemplates", "ReportModel",
               "ReportLayout", "ReportRender"]
ONE_PARAGRAPH = """metadata:
  title: ย่อหน้าเดียว
blocks:
  - paragraph: องค์การบริหารส่วนตำบลได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน **ประจำปี ๒๕๖๘**
"""


def build():
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "release-build.sh"), "--product", "thaireport"], check=True, cwd=ROOT)
    return os.path.join(ROOT, ".build", "release", "thaireport")


def runs(workdir):
    """(arguments, label) of every run profiled."""
    paragraph = os.path.join(workdir, "paragraph.yaml")
    with open(paragraph, "w", encoding="utf-8") as f:
        f.write(ONE_PARAGRAPH)
    complete = os.path.join(ROOT, "Templates", "examples", "complete-report.yaml")
    found = [(["render", paragraph, "-o", os.path.join(workdir, "paragraph.pdf")], "one paragraph")]
    for example in sorted(glob.glob(os.path.join(ROOT, "Templates", "*", "examples", "*.yaml"))):
        name = os.path.basename(example)[:-5]
        found.append((["render", example, "-o", os.path.join(workdir, name + ".pdf")], name))
    found.append((["render", complete, "-o", os.path.join(workdir, "complete.pdf")], "complete example"))
    found.append((["check", complete], "complete example, check"))
    return found


def executed(binary, arguments, out):
    """Names (mangled) of the functions callgrind saw executed in one run."""
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", "--callgrind-out-file=" + out, binary] + arguments,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = set()
    with open(out, encoding="utf-8", errors="replace") as f:
        for line in f:
            found = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
            if found:
                names.add(found.group(1))
    return names


def defined_functions(binary):
    listing = subprocess.run(["nm", "--defined-only", binary], check=True, capture_output=True, text=True).stdout
    return {parts[2] for parts in (line.split() for line in listing.splitlines()) if len(parts) == 3 and parts[1] in "tTwW"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="a release binary to profile (default: build one with scripts/release-build.sh)")
    parser.add_argument("--replace", action="store_true", help="drop the names listed from other toolchains")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind not found (apt-get install valgrind)")
    binary = args.binary or build()
    with tempfile.TemporaryDirectory(prefix="thaireport-hot-") as workdir:
        # Valgrind cannot read the DWARF of some Swift objects; the symbol table is all it needs.
        profiled = os.path.join(workdir, "thaireport")
        shutil.copy(binary, profiled)
        subprocess.run(["strip", "-g", profiled], check=True)
        uses = collections.Counter()
        for arguments, label in runs(workdir):
            found = executed(profiled, arguments, os.path.join(workdir, "callgrind.out"))
            print(f"{label}: {len(found)} functions", flush=True)
            uses.update(found)
        defined = defined_functions(binary)
        # What every run uses (start-up, the common path) comes first, so the smallest documents
        # touch the fewest pages; then by name, so the list changes little from one run to the next.
        hot = sorted((name for name in uses if name in defined), key=lambda name: (-uses[name], name))
    kept = [] if args.replace else other_toolchains(defined)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write("".join(name + "\n" for name in hot + kept))
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}: {len(hot)} functions of this binary, {len(kept)} kept from other toolchains; "
          "relink with scripts/release-build.sh")


def other_toolchains(defined):
    """The names already listed that this binary does not define and that are not thaireport's own:
    the Swift runtime and Foundation of another toolchain (Debian 13's Swift 6.0 names some of them
    otherwise than swift.org's 6.3). Names of thaireport's own modules that are gone are dropped."""
    if not os.path.exists(OUTPUT):
        return []
    ours = re.compile("|".join(str(len(module)) + module for module in OWN_MODULES))
    with open(OUTPUT, encoding="utf-8") as f:
        return [name for name in (line.strip() for line in f) if name and name not in defined and not ours.search(name)]


if __name__ == "__main__":
    main()
