#!/usr/bin/env python3
"""Benchmark thaireport against Typst and WeasyPrint on long Thai tables and a real seed report.

This is a benchmark, not a test: it prints figures and never fails on them.

What it does
  1. Builds the release binary (`swift build -c release --scratch-path .build-bench`; skip with --no-build).
  2. Generates table reports of about 100 and about 1,000 A4-landscape pages: a heading, a paragraph and one
     big six-column table whose rows are the rows of seed 000 (`seedparse.py`), cycled, with a running
     row number. The row count for ~100 pages is found by rendering once with thaireport; ~1,000 pages
     uses ten times that.
  3. Renders each with thaireport, measuring wall time, CPU time and peak RSS of the child process
     (`os.wait4` rusage) and counting pages with `pdfinfo`.
  4. Renders the same content with Typst and WeasyPrint through `/work/shared/tools/emit_anchors.py`
     (font Sarabun, scale 0.68; WeasyPrint finds the font through a private fontconfig file).
  5. Renders seed 003 through all three engines as a small-document comparison (thaireport with
     equal-share columns unless --seed-columns weights; the peers always use emit_anchors' weights).
  Also runs `thaireport check` on each table input (every step but drawing) and renders and checks
  the largest input again with table text at size 28 (same rows, ~4x pages), to tell memory that
  follows the input's size from memory that follows the page count; prints render against check
  (CPU seconds and peak memory) for each pair.
  6. Prints a Markdown table and checks that thaireport's peak memory does not grow with page count.

Usage
  python3 scripts/benchmark.py [--no-build] [--skip-peers] [--sizes 100,1000] [--timeout 600]
                               [--rows-per-100 N] [--repeat N] [--seed-columns equal|weights]
                               [--workdir DIR] [--keep]

Needs: swift (for the build), poppler-utils (pdfinfo, pdffonts), `pip install typst weasyprint`
for the peers. Standard library only otherwise.
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


def run_engine(engine, document, cmd, pdf, log_prefix, timeout=None, env=None, repeat=1):
    """Runs an engine `repeat` times; keeps the median wall/CPU time and the largest peak."""
    runs = []
    for _ in range(repeat):
        if os.path.isfile(pdf):  # never a device: `check` runs are given os.devnull
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


def render_all(workdir, name, label, paths, args, peers, fc_env, repeat):
    results = []
    pdf = os.path.join(workdir, name + ".thaireport.pdf")
    results.append(run_engine("thaireport", label, [BINARY, "render", paths["yaml"], "-o", pdf, "--quiet"], pdf,
                              os.path.join(workdir, name + ".thaireport"), args.timeout, repeat=repeat))
    if peers:
        pdf = os.path.join(workdir, name + ".typst.pdf")
        results.append(run_engine("typst", label, [sys.executable, os.path.join(TOOLS, "typst_compile.py"), paths["typ"], pdf, FONT_DIR],
                                  pdf, os.path.join(workdir, name + ".typst"), args.timeout, repeat=repeat))
        pdf = os.path.join(workdir, name + ".weasyprint.pdf")
        results.append(run_engine("weasyprint", label, [sys.executable, "-m", "weasyprint", paths["html"], pdf], pdf,
                                  os.path.join(workdir, name + ".weasyprint"), args.timeout, env=fc_env, repeat=repeat))
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
        extra = f", parse+validate only {c.peak_kb / 1024:.1f}, render above that {(r.peak_kb - c.peak_kb) / 1024:+.1f}" if c else ""
        print(f"  {r.document}: {r.pages} pages, peak {r.peak_kb / 1024:.1f}{extra}")
    if len(renders) >= 2:
        small, large = renders[0], renders[-1]
        ratio = large.peak_kb / small.peak_kb
        growth = (large.peak_kb - small.peak_kb) / 1024
        per_page = (large.peak_kb - small.peak_kb) / max(1, (large.pages or 0) - (small.pages or 0))
        print(f"  {small.pages} -> {large.pages} pages: {small.peak_kb / 1024:.1f} -> {large.peak_kb / 1024:.1f} MB "
              f"({ratio:.2f}x, {growth:+.1f} MB, {per_page:.1f} kB per extra page, input included).")
        print("  Claim 'peak memory does not grow with page count': "
              + (f"HOLDS ({large.pages}-page peak within 25% of the {small.pages}-page peak)." if ratio <= 1.25
                 else f"DOES NOT HOLD ({large.pages}-page peak more than 25% above the {small.pages}-page peak)."))
    print("\nthaireport render against check (check = every step but drawing):")
    for r in ok("thaireport", "table") + ok("thaireport", "seed"):
        c = checks.get(r.document) or next((x for x in results if x.engine == "thaireport check" and x.document == r.document
                                            and x.status == "ok"), None)
        if c and c.cpu > 0:
            print(f"  {r.document}: CPU {r.cpu:.2f} s against {c.cpu:.2f} s; drawing and finishing {r.cpu - c.cpu:.2f} s = "
                  f"{(r.cpu - c.cpu) / c.cpu:.2f}x the layout; peak {r.peak_kb / 1024:.1f} against {c.peak_kb / 1024:.1f} MB "
                  f"({r.peak_kb / c.peak_kb:.2f}x)")
    same = [r for r in ok("thaireport", "table") if "size 28" in r.document]
    if same and renders:
        base = next((r for r in renders if same[0].document.startswith(r.document)), None)
        if base and (same[0].pages or 0) > (base.pages or 0):
            per_page = (same[0].peak_kb - base.peak_kb) / ((same[0].pages or 0) - (base.pages or 0))
            print(f"  Same input, more pages (table text 14 -> 28): {base.pages} -> {same[0].pages} pages, "
                  f"{base.peak_kb / 1024:.1f} -> {same[0].peak_kb / 1024:.1f} MB ({per_page:.1f} kB per extra page, input fixed).")


def build():
    env = dict(os.environ, PATH=SWIFT_BIN + os.pathsep + os.environ.get("PATH", ""))
    cmd = ["swift", "build", "-c", "release", "--scratch-path", SCRATCH]
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
    parser.add_argument("--skip-peers", action="store_true", help="render with thaireport only")
    parser.add_argument("--sizes", default="100,1000", help="approximate page counts of the table reports (default 100,1000)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a render is killed and reported as timeout")
    parser.add_argument("--rows-per-100", type=int, help="table rows for ~100 pages (skips the calibration render)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per large document (median time, max peak); small doc uses at least 3")
    parser.add_argument("--seed-columns", choices=["equal", "weights"], default="equal",
                        help="thaireport column widths for seed 003: equal shares (default) or emit_anchors' weights like the peers")
    parser.add_argument("--workdir", help="where to write inputs and PDFs (default: a new temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    peers = not args.skip_peers

    if not args.no_build:
        build()
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"no binary at {BINARY}; run without --no-build")
    for tool in ("pdfinfo", "pdffonts"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found (apt-get install poppler-utils)")

    workdir = args.workdir or tempfile.mkdtemp(prefix="thaireport-bench-")
    os.makedirs(workdir, exist_ok=True)
    print(f"work dir: {workdir}", flush=True)
    fc_env = fontconfig_env(workdir) if peers else None

    seed0, seed0_name = seed_blocks(r"000_")
    source = big_table_source(seed0)
    print(f"seed {seed0_name}: {len(source[1])} six-column rows to cycle", flush=True)

    # Calibrate: rows giving ~100 pages with thaireport.
    rows_per_100 = args.rows_per_100
    if rows_per_100 is None:
        probe = 300
        paths = write_document(workdir, "calibrate", big_table_blocks(source, probe), "calibration", False, False)
        pdf = os.path.join(workdir, "calibrate.pdf")
        state, wall, _, _, stderr = measure([BINARY, "render", paths["yaml"], "-o", pdf, "--quiet"],
                                            os.path.join(workdir, "calibrate"), args.timeout)
        if state != "ok":
            sys.exit(f"calibration render failed ({state}):\n{stderr}")
        pages = pdf_pages(pdf)
        rows_per_100 = max(1, round(probe * 100 / pages))
        print(f"calibration: {probe} rows -> {pages} pages in {wall:.2f} s; ~100 pages = {rows_per_100} rows", flush=True)

    results = []
    for size in sizes:
        rows = round(rows_per_100 * size / 100)
        label = f"table ~{size} p ({rows} rows)"
        name = f"table{size}"
        print(f"\n{label}: writing inputs", flush=True)
        paths = write_document(workdir, name, big_table_blocks(source, rows), f"รายงานทดสอบ ~{size} หน้า", False, peers)
        print(f"  YAML {os.path.getsize(paths['yaml']) / 1e6:.1f} MB", flush=True)
        results += render_all(workdir, name, label, paths, args, peers, fc_env, args.repeat)
        # Parse-and-validate only: the part of thaireport's peak that follows the input, not the pages.
        r = run_engine("thaireport check", label, [BINARY, "check", paths["yaml"]], os.devnull,
                       os.path.join(workdir, name + ".check"), args.timeout)
        results.append(r)
        if size == max(sizes):
            # The same input set larger (table text 28 instead of 14): about 4x the pages, same rows.
            with open(paths["yaml"], encoding="utf-8") as f:
                text = f.read().replace("  table: {size: 14}", "  table: {size: 28}", 1)
            big = os.path.join(workdir, name + "-size28.yaml")
            with open(big, "w", encoding="utf-8") as f:
                f.write(text)
            pdf = os.path.join(workdir, name + "-size28.thaireport.pdf")
            results.append(run_engine("thaireport", f"{label}, table size 28", [BINARY, "render", big, "-o", pdf, "--quiet"], pdf,
                                      os.path.join(workdir, name + "-size28.thaireport"), args.timeout))
            results.append(run_engine("thaireport check", f"{label}, table size 28", [BINARY, "check", big], os.devnull,
                                      os.path.join(workdir, name + "-size28.check"), args.timeout))

    seed3, seed3_name = seed_blocks(r"003_")
    label = f"seed {seed3_name[:3]}"
    print(f"\n{label}: writing inputs", flush=True)
    paths = write_document(workdir, "seed003", seed3, seed3_name, args.seed_columns == "equal", peers)
    results += render_all(workdir, "seed003", label, paths, args, peers, fc_env, max(3, args.repeat))

    # Report
    print("\n| document | engine | pages | wall s | cpu s | peak MB | status |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        pages = "" if r.pages is None else str(r.pages)
        print(f"| {r.document} | {r.engine} | {pages} | {r.wall:.2f} | {r.cpu:.2f} | {r.peak_kb / 1024:.1f} | {r.status} |")

    print("\nFonts in the PDFs (pdffonts):")
    for r in results:
        if r.status == "ok" and r.pages:
            fonts = pdf_fonts(r.pdf)
            # thaireport embeds bundled DejaVu Sans for symbols Sarabun lacks; anything else is a fallback.
            bundled = ("Sarabun", "DejaVuSans") if r.engine.startswith("thaireport") else ("Sarabun",)
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
