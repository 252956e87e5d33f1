#!/usr/bin/env python3
"""Benchmark thaireport (and an earlier build of it) against Typst and WeasyPrint.

This is a benchmark, not a test: it prints figures and never fails on them.

What it measures (CPU seconds = user + system of the child and what it waited for, and peak RSS,
from `os.wait4`; medians of --repeat runs, the largest peak):
  - one paragraph (start-up: word list, fonts, libraries);
  - each seed report in /work/shared/seeds (000-004, through `seedparse.py`), and seed 003 again with
    a contents page (the layout passes a contents page needs);
  - table reports of about 100, 1,000 and 4,000 A4-landscape pages (--sizes): a heading, a paragraph
    and one big six-column table cycling the rows of seed 000, with `thaireport check` beside each
    render, and the ~1,000-page input again with table text at size 28 (same input, ~4x pages);
  - a re-render of Templates/examples/complete-report.yaml (its PDF already there);
  - the same content through Typst and WeasyPrint where there is a neutral form of it (everything
    but the complete example and the contents page; tables up to --peer-max-pages), via
    `/work/shared/tools/emit_anchors.py` (Sarabun at scale 0.68).
With --before BINARY (an earlier release build, e.g. a worktree of main built with
`swift build -c release`), every thaireport measurement alternates the two builds run by run, and the
tables give both medians and the ratio now/before.

Usage
  python3 scripts/benchmark.py [--no-build] [--before BINARY] [--skip-peers] [--sizes 100,1000,4000]
                               [--repeat N] [--timeout 600] [--rows-per-100 N] [--workdir DIR] [--keep]

Builds the release binary first (`bash scripts/release-build.sh --scratch-path .build-bench`; --no-build uses
the one there, --binary another). Needs poppler-utils (pdfinfo, pdffonts), and
`pip install typst weasyprint` for the peers. Standard library only otherwise.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRATCH = os.path.join(ROOT, ".build-bench")
BINARY = os.path.join(SCRATCH, "release", "thaireport")
TOOLS = "/work/shared/tools"
SEEDS = "/work/shared/seeds"
FONT_DIR = os.path.join(ROOT, "Fonts", "Sarabun")
PEER_FONT = "Sarabun"
PEER_SCALE = "0.68"
SWIFT_BIN = "/opt/swift/usr/bin"
MAX_TABLE_ROWS = 20_000  # DocumentBuilder.maximumTableRows
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# ----------------------------------------------------------------------------------------------
# Running and measuring a child process


class Result:
    def __init__(self, engine, document, status, wall, cpu, peak_kb, pdf, stderr=""):
        self.engine, self.document, self.status = engine, document, status
        self.wall, self.cpu, self.peak_kb, self.pdf, self.stderr = wall, cpu, peak_kb, pdf, stderr
        self.pages = None


def measure(cmd, log_prefix, timeout=None, env=None):
    """Runs `cmd`; returns (status, wall s, cpu s, peak RSS kB, stderr text).

    Peak RSS is `ru_maxrss` from `os.wait4` on the child (kB on Linux): the largest resident set of
    the child or of any descendant it waited for. On timeout the child's process group is killed and
    status is "timeout" (the peak is then the peak reached before the kill)."""
    out_path, err_path = log_prefix + ".stdout", log_prefix + ".stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(child.pid, signal.SIGKILL)  # the child's own session: only what we started
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
    with open(err_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    if timed_out.is_set():
        state = "timeout"
    elif child.returncode != 0:
        state = f"exit {child.returncode}"
    else:
        state = "ok"
    return state, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, stderr


def run_engine(engine, document, cmd, pdf, log_prefix, timeout=None, env=None, repeat=1, keep_output=False):
    """Runs an engine `repeat` times; keeps the median wall/CPU time and the largest peak."""
    runs = []
    for _ in range(repeat):
        if os.path.isfile(pdf) and not keep_output:  # never a device: `check` runs are given os.devnull
            os.remove(pdf)
        state, wall, cpu, peak, stderr = measure(cmd, log_prefix, timeout, env)
        runs.append((state, wall, cpu, peak, stderr))
        if state != "ok":
            break
    state = runs[-1][0]
    result = Result(engine, document, state,
                    statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs),
                    max(r[3] for r in runs), pdf, runs[-1][4])
    if state == "ok" and pdf != os.devnull:
        if os.path.exists(pdf):
            result.pages = pdf_pages(pdf)
        else:
            result.status = "no PDF"
    line = f"  {engine:<11} {document:<22} {result.status:<8} {result.wall:8.2f} s  {result.peak_kb / 1024:8.1f} MB"
    if result.pages is not None:
        line += f"  {result.pages} pages"
    print(line, flush=True)
    if state != "ok" and result.stderr.strip():
        print("    stderr: " + result.stderr.strip()[-2000:].replace("\n", "\n    "), flush=True)
    return result


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else None


def pdf_fonts(pdf):
    """Font names in `pdf` (subset prefixes removed), from pdffonts."""
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout.splitlines()[2:]
    names = set()
    for line in out:
        name = line.split()[0] if line.split() else ""
        names.add(re.sub(r"^[A-Z]{6}\+", "", name))
    return sorted(names)


# ----------------------------------------------------------------------------------------------
# Content


def seed_blocks(pattern):
    path = next(os.path.join(SEEDS, f) for f in sorted(os.listdir(SEEDS)) if re.match(pattern, f))
    out = subprocess.run([sys.executable, os.path.join(TOOLS, "seedparse.py"), path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out), os.path.basename(path)


def big_table_source(blocks):
    """The six-column tables of seed 000: (header, rows, heading, paragraph)."""
    tables = [b for b in blocks if b["type"] == "table" and len(b["header"]) == 6]
    header = tables[0]["header"]
    rows = [r for t in tables for r in t["rows"] if len(r) == 6]
    heading = next(b["text"] for b in blocks if b["type"] == "heading")
    paragraph = next(b["text"] for b in blocks if b["type"] == "para")
    return header, rows, heading, paragraph


def big_table_blocks(source, row_count):
    """Neutral (seedparse-style) blocks: heading, paragraph, one table of `row_count` cycled rows
    (split into several tables only if the engine's per-table limit would be passed)."""
    header, rows, heading, paragraph = source
    body = []
    for i in range(row_count):
        row = [list(c) for c in rows[i % len(rows)]]
        row[0] = [str(i + 1).translate(THAI_DIGITS)]
        body.append(row)
    blocks = [{"type": "heading", "text": heading}, {"type": "para", "text": paragraph}]
    for start in range(0, row_count, MAX_TABLE_ROWS):
        blocks.append({"type": "table", "header": list(header), "rows": body[start:start + MAX_TABLE_ROWS]})
    return blocks


def column_weights(table):
    """The same column weights emit_anchors.py gives the peers (so the layouts are comparable)."""
    sys.path.insert(0, TOOLS)
    try:
        import emit_anchors
        return emit_anchors.weights(table)
    finally:
        sys.path.remove(TOOLS)


def q(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML), with thaireport's inline markup
    characters (`*`, `_`, `\\`) escaped so the text is set as written."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return json.dumps(text, ensure_ascii=False)


def cell_text(paragraphs):
    return "\n".join(paragraphs)


def to_yaml(blocks, title, equal_columns):
    """thaireport YAML for neutral blocks: headings, paragraphs, tables (a cell's paragraphs become
    lines of one text, each line a paragraph). Columns are equal shares or emit_anchors' weights."""
    lines = [
        "metadata:",
        f"  title: {q(title)}",
        "  created: 2024-11-17",
        "page:",
        "  size: A4",
        "  orientation: landscape",
        '  margins: "2.5cm 2cm 2cm 3cm"',
        "styles:",
        "  body: {size: 16}",
        "  table: {size: 14}",
        "blocks:",
    ]
    for b in blocks:
        if b["type"] == "heading":
            lines.append(f"  - heading: {q(b['text'])}")
        elif b["type"] == "para":
            lines.append(f"  - paragraph: {q(b['text'])}")
        else:
            n = len(b["header"])
            widths = ["1fr"] * n if equal_columns else [f"{w * 100:.1f}fr" for w in column_weights(b)]
            lines.append("  - table:")
            lines.append(f"      columns: [{', '.join(widths)}]")
            lines.append(f"      header: [{', '.join(q(h) for h in b['header'])}]")
            if b["rows"]:
                lines.append("      rows:")
                for r in b["rows"]:
                    lines.append(f"        - [{', '.join(q(cell_text(c)) for c in r)}]")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------
# Engines


def write_document(workdir, name, blocks, title, equal_columns, peers):
    """Writes NAME.yaml (+ NAME.json, NAME.typ, NAME.html for the peers); returns their paths."""
    paths = {"yaml": os.path.join(workdir, name + ".yaml"), "json": os.path.join(workdir, name + ".json")}
    with open(paths["yaml"], "w", encoding="utf-8") as f:
        f.write(to_yaml(blocks, title, equal_columns))
    with open(paths["json"], "w", encoding="utf-8") as f:
        json.dump(blocks, f, ensure_ascii=False)
    if peers:
        for kind, ext in (("typst", "typ"), ("html", "html")):
            paths[ext] = os.path.join(workdir, f"{name}.{ext}")
            text = subprocess.run([sys.executable, os.path.join(TOOLS, "emit_anchors.py"), kind, paths["json"], PEER_FONT, PEER_SCALE],
                                  capture_output=True, text=True, check=True).stdout
            if kind == "html":
                # Page numbers live in @page margin boxes, which do not inherit the body's font: without
                # this they fall back to the system Thai font (Laksaman). The body text is unchanged.
                text = text.replace("</style>", f"\n@page {{ font-family: '{PEER_FONT}'; }}</style>", 1)
            with open(paths[ext], "w", encoding="utf-8") as f:
                f.write(text)
    return paths


def fontconfig_env(workdir):
    """An environment whose fontconfig sees the bundled Sarabun (not installed system-wide)."""
    cache = os.path.join(workdir, "fc-cache")
    os.makedirs(cache, exist_ok=True)
    conf = os.path.join(workdir, "fonts.conf")
    with open(conf, "w") as f:
        f.write(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{FONT_DIR}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
""")
    env = dict(os.environ, FONTCONFIG_FILE=conf)
    if shutil.which("fc-cache"):
        subprocess.run(["fc-cache", FONT_DIR], env=env, capture_output=True)  # warm the private cache
    return env


def peer_runs(workdir, name, label, paths, args, fc_env, repeat):
    """Typst and WeasyPrint on the neutral form of a document."""
    results = []
    pdf = os.path.join(workdir, name + ".typst.pdf")
    results.append(run_engine("typst", label, [sys.executable, os.path.join(TOOLS, "typst_compile.py"), paths["typ"], pdf, FONT_DIR],
                              pdf, os.path.join(workdir, name + ".typst"), args.timeout, repeat=repeat))
    pdf = os.path.join(workdir, name + ".weasyprint.pdf")
    results.append(run_engine("weasyprint", label, [sys.executable, "-m", "weasyprint", paths["html"], pdf], pdf,
                              os.path.join(workdir, name + ".weasyprint"), args.timeout, env=fc_env, repeat=repeat))
    return results


def thaireport_runs(binaries, command, label, yaml, pdf, log_prefix, args, repeat, keep_output=False):
    """`thaireport COMMAND yaml` with each build in `binaries` ({engine name: path}), alternating the
    builds run by run (and which goes first), so a slower moment of a shared machine falls on both."""
    runs = {engine: [] for engine in binaries}
    order = list(binaries)
    for index in range(repeat):
        for engine in (order if index % 2 == 0 else order[::-1]):
            cmd = [binaries[engine], command, yaml] + (["-o", pdf, "--quiet"] if command == "render" else [])
            runs[engine].append(run_engine(engine + ("" if command == "render" else " check"), label, cmd, pdf,
                                           log_prefix + "." + engine.replace(" ", "-") + "." + command, args.timeout,
                                           keep_output=keep_output))
    results = []
    for engine, found in runs.items():
        first = found[-1]
        ok = [r for r in found if r.status == "ok"]
        if ok:
            first.cpu = statistics.median(r.cpu for r in ok)
            first.wall = statistics.median(r.wall for r in ok)
            first.peak_kb = max(r.peak_kb for r in ok)
        results.append(first)
    return results


def memory_summary(results):
    """Does thaireport's peak memory follow the page count? Compares the table reports, separates
    the input model (`check`) from rendering, and the same input set at two sizes."""
    def ok(engine, prefix):
        return sorted((r for r in results if r.engine == engine and r.document.startswith(prefix) and r.status == "ok"),
                      key=lambda r: (r.pages or 0, r.document))
    renders = [r for r in ok("thaireport", "table") if "size 28" not in r.document]
    checks = {r.document: r for r in ok("thaireport check", "table")}
    print("\nthaireport peak memory (MB):")
    for r in renders:
        c = checks.get(r.document)
        extra = f", check only {c.peak_kb / 1024:.1f}, render above that {(r.peak_kb - c.peak_kb) / 1024:+.1f}" if c else ""
        print(f"  {r.document}: {r.pages} pages, peak {r.peak_kb / 1024:.1f}{extra}")
    if len(renders) >= 2:
        small, large = renders[0], renders[-1]
        ratio = large.peak_kb / small.peak_kb
        per_page = (large.peak_kb - small.peak_kb) / max(1, (large.pages or 0) - (small.pages or 0))
        print(f"  {small.pages} -> {large.pages} pages: {small.peak_kb / 1024:.1f} -> {large.peak_kb / 1024:.1f} MB "
              f"({ratio:.2f}x, {per_page:.1f} kB per extra page, input included).")
    check_list = sorted((r for r in checks.values() if "size 28" not in r.document), key=lambda r: r.document)
    if len(check_list) >= 2:
        rows = [int(re.search(r"\((\d+) rows\)", r.document).group(1)) for r in check_list if re.search(r"\((\d+) rows\)", r.document)]
        if len(rows) == len(check_list):
            pairs = sorted(zip(rows, check_list), key=lambda x: x[0])
            (r0, c0), (r1, c1) = pairs[0], pairs[-1]
            print(f"  check alone: {c0.peak_kb / 1024:.1f} MB at {r0} rows -> {c1.peak_kb / 1024:.1f} MB at {r1} rows "
                  f"({(c1.peak_kb - c0.peak_kb) / max(1, r1 - r0):.2f} kB per extra row)")
    same = [r for r in ok("thaireport", "table") if "size 28" in r.document]
    if same and renders:
        base = next((r for r in renders if same[0].document.startswith(r.document)), None)
        if base and (same[0].pages or 0) > (base.pages or 0):
            per_page = (same[0].peak_kb - base.peak_kb) / ((same[0].pages or 0) - (base.pages or 0))
            print(f"  Same input, more pages (table text 14 -> 28): {base.pages} -> {same[0].pages} pages, "
                  f"{base.peak_kb / 1024:.1f} -> {same[0].peak_kb / 1024:.1f} MB ({per_page:.1f} kB per extra page, input fixed).")
            small_check, large_check = checks.get(base.document), checks.get(same[0].document)
            if small_check and large_check:
                print(f"  check on the same input: {small_check.peak_kb / 1024:.1f} MB at {base.pages} pages, "
                      f"{large_check.peak_kb / 1024:.1f} MB at {same[0].pages} pages.")


def summary_table(results, documents):
    """One row per document: thaireport now (and before), the peers, and the ratios."""
    def find(engine, document):
        return next((r for r in results if r.engine == engine and r.document == document and r.status == "ok"), None)

    def cpu(r):
        return f"{r.cpu:.3f}" if r else ""

    def mb(r):
        return f"{r.peak_kb / 1024:.1f}" if r else ""

    def ratio(a, b):
        return f"{a.cpu / b.cpu:.2f}" if a and b and b.cpu > 0 else ""

    print("\nCPU seconds (user + system, median) and peak memory (MB):\n")
    print("| document | pages | thaireport cpu s | peak MB | before cpu s | before MB | now/before | typst cpu s "
          "| weasyprint cpu s | thaireport/typst | thaireport/weasyprint |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for engine_suffix in ("", " check"):
        for document in documents:
            now, before = find("thaireport" + engine_suffix, document), find("before" + engine_suffix, document)
            if not now and not before:
                continue
            typst, weasy = (find("typst", document), find("weasyprint", document)) if not engine_suffix else (None, None)
            pages = (now or before).pages
            name = document + (" (check)" if engine_suffix else "")
            print(f"| {name} | {'' if pages is None else pages} | {cpu(now)} | {mb(now)} | {cpu(before)} | {mb(before)} "
                  f"| {ratio(now, before)} | {cpu(typst)} | {cpu(weasy)} | {ratio(now, typst)} | {ratio(now, weasy)} |")


def build():
    env = dict(os.environ, PATH=SWIFT_BIN + os.pathsep + os.environ.get("PATH", ""))
    cmd = ["bash", os.path.join(ROOT, "scripts", "release-build.sh"), "--scratch-path", SCRATCH]
    print("$ " + " ".join(cmd), flush=True)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        sys.exit(f"build failed (exit {done.returncode})")
    print(f"built in {time.perf_counter() - start:.1f} s", flush=True)


# ----------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="use the existing .build-bench/release/thaireport")
    parser.add_argument("--binary", help="the thaireport binary to measure (implies --no-build)")
    parser.add_argument("--before", help="an earlier thaireport release binary, measured alternately with this one")
    parser.add_argument("--skip-peers", action="store_true", help="render with thaireport only")
    parser.add_argument("--sizes", default="100,1000,4000", help="approximate page counts of the table reports (default 100,1000,4000)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a render is killed and reported as timeout")
    parser.add_argument("--rows-per-100", type=int, help="table rows for ~100 pages (skips the calibration render)")
    parser.add_argument("--peer-max-pages", type=int, default=1000,
                        help="table sizes above this many pages are rendered by thaireport only (WeasyPrint needs ~3 minutes per 1,000 pages)")
    parser.add_argument("--size28", type=int, default=1000,
                        help="the table size rendered again with table text 28 (same rows, ~4x the pages); 0 for none")
    parser.add_argument("--repeat", type=int, default=1, help="runs per table document (median time, max peak); smaller documents use at least 5")
    parser.add_argument("--seed-columns", choices=["equal", "weights"], default="equal",
                        help="thaireport column widths for the seeds: equal shares (default) or emit_anchors' weights like the peers")
    parser.add_argument("--workdir", help="where to write inputs and PDFs (default: a new temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    peers = not args.skip_peers

    binary = args.binary or BINARY
    if not args.no_build and not args.binary:
        build()
    if not os.access(binary, os.X_OK):
        sys.exit(f"no binary at {binary}; run without --no-build")
    binaries = {"thaireport": binary}
    if args.before:
        if not os.access(args.before, os.X_OK):
            sys.exit(f"no binary at {args.before}")
        binaries["before"] = args.before
    for tool in ("pdfinfo", "pdffonts"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found (apt-get install poppler-utils)")

    workdir = args.workdir or tempfile.mkdtemp(prefix="thaireport-bench-")
    os.makedirs(workdir, exist_ok=True)
    print(f"work dir: {workdir}", flush=True)
    fc_env = fontconfig_env(workdir) if peers else None
    small_repeat = max(5, args.repeat)
    results, documents = [], []

    def measure_document(name, label, blocks, title, repeat, equal_columns=True, with_peers=True, yaml_text=None):
        paths = write_document(workdir, name, blocks, title, equal_columns, peers and with_peers)
        if yaml_text is not None:
            text = yaml_text(paths["yaml"])
            with open(paths["yaml"], "w", encoding="utf-8") as f:
                f.write(text)
        pdf = os.path.join(workdir, name + ".thaireport.pdf")
        documents.append(label)
        found = thaireport_runs(binaries, "render", label, paths["yaml"], pdf, os.path.join(workdir, name), args, repeat)
        if peers and with_peers:
            found += peer_runs(workdir, name, label, paths, args, fc_env, repeat)
        results.extend(found)
        return paths

    seed0, seed0_name = seed_blocks(r"000_")
    source = big_table_source(seed0)

    # One paragraph: start-up.
    print("\none paragraph", flush=True)
    measure_document("paragraph", "one paragraph", [{"type": "para", "text": source[3]}], "one paragraph", small_repeat)

    # The seed reports, and seed 003 with a contents page.
    equal = args.seed_columns == "equal"
    for number in range(5):
        blocks, seed_name = seed_blocks(rf"00{number}_")
        label = f"seed {seed_name[:3]}"
        print(f"\n{label}", flush=True)
        measure_document(f"seed{number:03d}", label, blocks, seed_name, small_repeat, equal)
        if number == 3:
            def with_contents(path):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                return text.replace("blocks:\n", "blocks:\n  - toc: {title: สารบัญ}\n  - page-break\n", 1)
            label = f"seed {seed_name[:3]} with contents page"
            print(f"\n{label}", flush=True)
            measure_document("seed003-contents", label, blocks, seed_name, small_repeat, equal, with_peers=False,
                             yaml_text=with_contents)

    # A re-render of the complete example: its PDF is already there, as after an edit.
    example = os.path.join(ROOT, "Templates", "examples", "complete-report.yaml")
    label = "complete example, re-render"
    print(f"\n{label}", flush=True)
    documents.append(label)
    pdf = os.path.join(workdir, "complete-report.pdf")
    subprocess.run([binary, "render", example, "-o", pdf, "--quiet"], capture_output=True)
    results += thaireport_runs(binaries, "render", label, example, pdf, os.path.join(workdir, "complete"), args, small_repeat,
                               keep_output=True)

    # Tables: calibrate the rows for ~100 pages, then each size.
    rows_per_100 = args.rows_per_100
    if rows_per_100 is None:
        probe = 300
        paths = write_document(workdir, "calibrate", big_table_blocks(source, probe), "calibration", False, False)
        pdf = os.path.join(workdir, "calibrate.pdf")
        state, wall, _, _, stderr = measure([binary, "render", paths["yaml"], "-o", pdf, "--quiet"],
                                            os.path.join(workdir, "calibrate"), args.timeout)
        if state != "ok":
            sys.exit(f"calibration render failed ({state}):\n{stderr}")
        pages = pdf_pages(pdf)
        rows_per_100 = max(1, round(probe * 100 / pages))
        print(f"\ncalibration: {probe} rows -> {pages} pages in {wall:.2f} s; ~100 pages = {rows_per_100} rows", flush=True)
    for size in sizes:
        rows = round(rows_per_100 * size / 100)
        label = f"table ~{size} p ({rows} rows)"
        name = f"table{size}"
        print(f"\n{label}", flush=True)
        paths = measure_document(name, label, big_table_blocks(source, rows), f"รายงานทดสอบ ~{size} หน้า", args.repeat, False,
                                 with_peers=size <= args.peer_max_pages)
        # Every step but drawing: the part of the peak that follows the input, not the pages.
        results.extend(thaireport_runs(binaries, "check", label, paths["yaml"], os.devnull, os.path.join(workdir, name), args, args.repeat))
        if size == args.size28:
            # The same input set larger (table text 28 instead of 14): about 4x the pages, same rows.
            with open(paths["yaml"], encoding="utf-8") as f:
                text = f.read().replace("  table: {size: 14}", "  table: {size: 28}", 1)
            big = os.path.join(workdir, name + "-size28.yaml")
            with open(big, "w", encoding="utf-8") as f:
                f.write(text)
            label28 = f"{label}, table size 28"
            documents.append(label28)
            results.extend(thaireport_runs(binaries, "render", label28, big, os.path.join(workdir, name + "-size28.pdf"),
                                           os.path.join(workdir, name + "-size28"), args, 1))
            results.extend(thaireport_runs(binaries, "check", label28, big, os.devnull, os.path.join(workdir, name + "-size28"), args, 1))

    summary_table(results, documents)

    print("\nFonts in the PDFs (pdffonts):")
    for r in results:
        if r.status == "ok" and r.pages and r.engine in ("thaireport", "typst", "weasyprint"):
            fonts = pdf_fonts(r.pdf)
            # thaireport embeds bundled DejaVu Sans for symbols Sarabun lacks; anything else is a fallback.
            bundled = ("Sarabun", "DejaVuSans") if r.engine == "thaireport" else ("Sarabun",)
            others = [f for f in fonts if not any(name in f for name in bundled)]
            flag = f"  <-- also {', '.join(others)} (fallback)" if others else ""
            print(f"  {r.engine:<11} {r.document:<42} {', '.join(fonts)}{flag}")

    memory_summary(results)

    if not args.keep and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"\ninputs and PDFs kept in {workdir}")


if __name__ == "__main__":
    main()
