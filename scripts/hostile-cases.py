#!/usr/bin/env python3
"""Generates one or more hostile cases for every class of issue 14, runs each through the release
`thaireport` under `/usr/bin/time -v`, and prints a table: case, exit status, wall and CPU seconds, peak MB, and
whether it kept within 10 s and 500 MB. Every case also checks that no file it started with changed.

    bash scripts/release-build.sh --product thaireport
    python3 scripts/hostile-cases.py [--binary .build/release/thaireport] [--only WORD]

Exit status 1 when a case runs past 10 s or 500 MB, exits with a signal, or touches an earlier file.
Pictures and fonts are made with Pillow (pip install pillow) and from the bundled Sarabun font.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECONDS, MEGABYTES = 10.0, 500.0
KILL_AFTER = 60


def thai_paragraph(count):
    """`count` Thai letters without a space."""
    word = "การพัฒนาคุณภาพชีวิตของประชาชนในท้องถิ่น"
    return (word * (count // len(word) + 1))[:count]


def pictures(folder):
    from PIL import Image
    Image.new("RGB", (7000, 7000), (10, 200, 30)).save(os.path.join(folder, "big1.png"))
    Image.new("RGB", (7000, 7000), (200, 20, 30)).save(os.path.join(folder, "big2.png"))
    Image.new("RGB", (400, 300), (0, 90, 200)).save(os.path.join(folder, "photo.jpg"), quality=90)
    Image.new("CMYK", (64, 32), (0, 255, 255, 0)).save(os.path.join(folder, "cmyk.jpg"), quality=90)
    Image.new("RGB", (40000, 2), (0, 0, 0)).save(os.path.join(folder, "wide.png"))
    photo = open(os.path.join(folder, "photo.jpg"), "rb").read()
    open(os.path.join(folder, "truncated.jpg"), "wb").write(photo[: len(photo) // 2])
    frame = photo.index(b"\xff\xc0")
    claim = bytearray(photo[:3000] if len(photo) > 3000 else photo)
    claim[frame + 5:frame + 9] = bytes([7000 >> 8, 7000 & 255, 7000 >> 8, 7000 & 255])
    open(os.path.join(folder, "claims.jpg"), "wb").write(bytes(claim))


def fonts(folder):
    font = open(os.path.join(ROOT, "Fonts/Sarabun/Sarabun-Regular.ttf"), "rb").read()
    open(os.path.join(folder, "truncated.ttf"), "wb").write(font[: len(font) * 2 // 3])
    tables = int.from_bytes(font[4:6], "big")
    damaged = bytearray(font)
    for index in range(tables):
        record = 12 + 16 * index
        if font[record:record + 4] == b"glyf":
            offset = int.from_bytes(font[record + 8:record + 12], "big")
            length = int.from_bytes(font[record + 12:record + 16], "big")
            damaged[offset:offset + length] = bytes(length)
    open(os.path.join(folder, "badglyf.ttf"), "wb").write(bytes(damaged))
    open(os.path.join(folder, "web.woff"), "wb").write(b"wOFF" + bytes(200))
    open(os.path.join(folder, "web.woff2"), "wb").write(b"wOF2" + bytes(200))


def font_description(file):
    return f"fonts:\n  - family: Sarabun\n    files: [{file}]\nfont: Sarabun\nblocks: [ข้อความทดสอบ]\n"


def example(name):
    return open(os.path.join(ROOT, "Templates/ita-measures/examples", name), encoding="utf-8").read()


def cases():
    """(class, case, files {name: text or bytes}, arguments after `thaireport`)."""
    render = ["render", "r.yaml", "-o", "out.pdf"]
    small = "blocks: [ข้อความ]\n"
    table_from_csv = "blocks:\n  - table:\n      columns: [1cm, 1fr]\n      rows-from: data.csv\n"
    title_lines = "title:\n" + "\n".join(f"  - บรรทัดที่ {n}" for n in range(1, 10_001))
    numbers = "[" + ", ".join(str(n) for n in range(3000)) + "]"
    yield "output", "-o r.yaml (the input)", {"r.yaml": small}, ["render", "r.yaml", "-o", "r.yaml"]
    yield "output", "-o data.csv (a file it reads)", {"r.yaml": table_from_csv, "data.csv": "1,a\n"}, ["render", "r.yaml", "-o", "data.csv"]
    yield "output", "render report.pdf (over itself)", {"report.pdf": small}, ["render", "report.pdf"]
    yield "output", "80 Thai letters in the output name", {"r.yaml": small}, ["render", "r.yaml", "-o", "ก" * 80 + ".pdf"]
    yield "templates", "template: /proc/self/fd/0", {"r.yaml": "template: /proc/self/fd/0\n"}, render
    yield "templates", "template: absolute path", {"r.yaml": "template: /etc/os-release\n"}, render
    yield "templates", "let definitions doubling 40 times", {
        "t/template.yaml": "fields: {}\nlet:\n  d0: x\n" + "".join(f"  d{i}: ${{d{i - 1} + d{i - 1}}}\n" for i in range(1, 41))
        + "document: {blocks: [\"${d40}\"]}\n", "r.yaml": "template: ./t\n"}, render
    yield "templates", "nested for-each 3,000 × 3,000", {
        "t/template.yaml": "fields: {items: {item: text}}\ndocument:\n  blocks:\n    - table:\n        columns: [1fr, 1fr]\n"
        "        rows:\n          - for-each: items\n            as: a\n            do:\n              - for-each: items\n"
        "                as: b\n                do: [[\"${a}\", \"${b}\"]]\n", "r.yaml": f"template: ./t\nitems: {numbers}\n"}, render
    head = example("004-klong-sai.yaml").split("\ngroups:")[0]
    record = "&p {measure: ม, method: [ก], responsible: ข, period: ค, result: ง}"
    for count in (257, 8000):
        groups = "\ngroups:\n  - title: หมวด\n    intro: บทนำ\n    measures: [" + ", ".join([record] + ["*p"] * count) + "]\n"
        yield "templates", f"an alias repeating one record {count:,} times", {"r.yaml": head + groups}, render
    yield "templates", "10,000 nested parentheses", {
        "t/template.yaml": "fields: {}\ndocument: {blocks: [\"${" + "(" * 10_000 + "1" + ")" * 10_000 + "}\"]}\n", "r.yaml": "template: ./t\n"}, render
    yield "templates", "10,000 title lines (ita-measures)", {
        "r.yaml": re.sub(r"(?m)^title: .*$", title_lines, example("004-klong-sai.yaml"))}, render
    yield "templates", "division by a score of 0", {
        "t/template.yaml": "fields: {scores: {item: {value: number}}}\nlet:\n  percent: ${100 / average(scores.value)}\n"
        "document: {blocks: [\"${percent}\"]}\n", "r.yaml": "template: ./t\nscores: [{value: 0}]\n"}, render
    for count in (20_000, 40_000, 100_000, 1_000_000):
        yield "linear", f"one paragraph of {count:,} Thai letters", {"r.yaml": f"blocks:\n  - \"{thai_paragraph(count)}\"\n"}, render
    yield "linear", "400,000 Thai letters, each consonant after a leading vowel", {"r.yaml": "blocks:\n  - \"" + "เก" * 200_000 + "\"\n"}, render
    paragraph = "การพัฒนาคุณภาพชีวิต ของประชาชน ในท้องถิ่น data " * 12
    yield "linear", "one section of 4,000 paragraphs", {"r.yaml": "blocks:\n" + f"  - \"{paragraph}\"\n" * 4000}, render
    yield "linear", "an image path ending in 100,000 slashes", {"r.yaml": "blocks:\n  - image: {file: \"a" + "/" * 100_000 + "\"}\n"}, render
    yield "linear", "a letter with 5,000 marks (refused past 30)", {"r.yaml": "blocks:\n  - \"ก" + "\u0e48" * 5000 + " ข\"\n"}, render
    yield "linear", "a Latin run of 100,000 letters", {"r.yaml": "blocks:\n  - \"" + "abcdefghij" * 10_000 + "\"\n"}, render
    # Thai and Latin words in turn: 40,000 Pango items in one paragraph, cut into its lines.
    yield "linear", "one paragraph of 40,000 Thai and Latin words in turn", {"r.yaml": "blocks:\n  - \"" + "การ data " * 20_000 + "\"\n"}, render
    yield "linear", "10,000 keep-with-next headings", {"r.yaml": "blocks:\n" + "".join(f"  - heading: หัวข้อ {n}\n" for n in range(10_000))}, render
    yield "pictures", "two 7000×7000 PNGs", {"r.yaml": "blocks:\n  - image: big1.png\n  - image: big2.png\n"}, render
    yield "pictures", "truncated JPEG", {"r.yaml": "blocks:\n  - image: truncated.jpg\n"}, render
    yield "pictures", "3 KB JPEG claiming 7000×7000", {"r.yaml": "blocks:\n  - image: claims.jpg\n"}, render
    yield "pictures", "CMYK JPEG (Adobe)", {"r.yaml": "blocks:\n  - image: cmyk.jpg\n"}, render
    yield "pictures", "PNG 40,000 pixels wide", {"r.yaml": "blocks:\n  - image: wide.png\n"}, render
    yield "taller", "padding taller than the page", {"r.yaml": "blocks:\n  - table: {columns: [1fr], padding: 30cm, rows: [[a]]}\n"}, render
    positions = ", ".join(f"ตำแหน่งบรรทัดที่ {n}" for n in range(1, 61))
    yield "taller", "signature of 60 position lines", {"r.yaml": f"blocks:\n  - signature: {{name: นายสมชาย ใจดี, position: [{positions}]}}\n"}, render
    rows = "\n".join(f"          - [แถว {n}]" if n < 39 else f"          - [แถว {n}, ข้อความ]" for n in range(60))
    yield "taller", "row-spanning cell across a page break", {
        "r.yaml": "blocks:\n  - table:\n      columns: [3cm, 1fr]\n      rows:\n          - [{text: ไตรมาส, rowspan: 40}, แถวแรก]\n" + rows + "\n"}, render
    yield "text", "NUL escape in a text", {"r.yaml": "blocks:\n  - \"ก่อน\\0หลัง\"\n"}, render
    yield "text", "ESC in a description", {"r.yaml": "blocks:\n  - text \x1b[31mred\n"}, render
    yield "text", "NUL in a CSV field", {"r.yaml": table_from_csv, "data.csv": "1,a\x00b\n"}, render
    yield "text", "right-to-left override in a file name", {"r.yaml": "blocks:\n  - image: \"a\\u202Egnp.png\"\n"}, render
    yield "text", "\\ud800 escape", {"r.yaml": "blocks:\n  - \"\\ud800\"\n"}, render
    for file in ("truncated.ttf", "badglyf.ttf", "web.woff", "web.woff2"):
        yield "fonts", f"font {file}", {"r.yaml": font_description(file)}, render


def digest(folder):
    result = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            if os.path.isfile(path):
                result[os.path.relpath(path, folder)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return result


def run(binary, files, arguments, shared):
    folder = tempfile.mkdtemp(prefix="thaireport-hostile-")
    try:
        for name in os.listdir(shared):
            shutil.copy(os.path.join(shared, name), folder)
        for name, content in files.items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "wb").write(content if isinstance(content, bytes) else content.encode("utf-8"))
        open(os.path.join(folder, "out.pdf"), "wb").write(b"an earlier PDF")
        before = digest(folder)
        try:
            done = subprocess.run(["/usr/bin/time", "-v", binary] + arguments, cwd=folder, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, errors="replace", timeout=KILL_AFTER)
        except subprocess.TimeoutExpired:
            return f"killed after {KILL_AFTER} s", KILL_AFTER, float("nan"), float("nan"), [], ""
        seconds = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
        wall = int(seconds.group(1) or 0) * 3600 + int(seconds.group(2)) * 60 + float(seconds.group(3))
        peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024
        cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", done.stderr).group(1)) for kind in ("User", "System"))
        status = re.search(r"Exit status: (\d+)", done.stderr)
        signal = re.search(r"Command terminated by signal (\d+)", done.stderr)
        after = digest(folder)
        touched = sorted(name for name, value in before.items() if after.get(name) != value and done.returncode != 0)
        message = next((line for line in done.stderr.splitlines() if ": error: " in line or line.startswith("error: ")), "")
        return (f"signal {signal.group(1)}" if signal else int(status.group(1)) if status else done.returncode), wall, cpu, peak, touched, message
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/thaireport"))
    parser.add_argument("--only", help="run the cases whose class or name contains this")
    parser.add_argument("--messages", action="store_true", help="print each case's first error message")
    options = parser.parse_args()
    options.binary = os.path.abspath(options.binary)
    shared = tempfile.mkdtemp(prefix="thaireport-hostile-files-")
    os.environ["THAIREPORT_HOME"] = ROOT
    try:
        pictures(shared)
        fonts(shared)
        failures = 0
        print("| class | case | exit | seconds | CPU seconds | peak MB | within 10 s, 500 MB |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for group, name, files, arguments in cases():
            if options.only and options.only not in group and options.only not in name:
                continue
            status, wall, cpu, peak, touched, message = run(options.binary, files, arguments, shared)
            ok = wall <= SECONDS and peak <= MEGABYTES and not isinstance(status, str) and not touched
            failures += not ok
            note = "yes" if ok else "NO" + (f" (touched {', '.join(touched)})" if touched else "")
            print(f"| {group} | {name} | {status} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {note} |", flush=True)
            if options.messages and message:
                print(f"|  | {message[:300]} |  |  |  |  |  |")
        return 1 if failures else 0
    finally:
        shutil.rmtree(shared, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
