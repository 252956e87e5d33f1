#!/usr/bin/env python3
"""Measures justified lines in a rendered PDF: for each line, the largest gap between two letters or
around a space as thaireport set it (Thai distributed), and what it would be if the same slack went
to the spaces only (what space-only justification does; a line without a space could not be
justified at all and would be torn open at one point).

Usage: python3 scripts/justify-gaps.py FILE.pdf [MIN_LINE_WIDTH_PT] [FIRST-LAST]   (needs: pip install pdfminer.six)
Only lines at least MIN_LINE_WIDTH_PT wide (default 150) and made of Thai text are measured, on pages
FIRST to LAST (default: all; table rows are not lines, so measure pages of running text).
Example: the justified 7 cm pages of the stress test, the pages 11 cm wide at the end of
`thaireport render Tests/Fixtures/narrow-columns.yaml` (29-39 today; `pdfinfo -f 1 -l 40` lists page
sizes): justify-gaps.py narrow.pdf 100 29-39
Gaps are in em of the line's font size. Prints a summary (for the distributed gaps: median, 95th
percentile, maximum and the number of lines with a gap over 1 em; a line set tighter to fit, whose gaps
shrank, counts as one with nothing added) and the ten worst lines, then the
lines left short: lines of any width that do not end their paragraph (the next line is not indented)
yet end before the page's right edge (a line without spaces whose letter gaps reached their limit),
how many fall more than 0.1 and more than 1 em short, and the largest shortfall.
For justified running text at a given width, set the description's paragraphs with
scripts/justify-widths.py first.
"""
import re
import statistics
import sys
import unicodedata

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar


def chars(node):
    if isinstance(node, LTChar):
        yield node
    elif hasattr(node, "__iter__"):
        for child in node:
            yield from chars(child)


def lines(pdf, pages=None):
    for page in extract_pages(pdf, page_numbers=pages):
        yield from lines_of(page)


def lines_of(page):
    current, baseline = [], None
    for c in chars(page):
        if unicodedata.category(c.get_text()[:1] or " ") == "Mn":
            continue  # marks sit on their letter
        y = round(c.y0, 0)
        if baseline is not None and (abs(y - baseline) > 1 or (current and c.x0 < current[-1].x0 - 1)):
            yield current
            current = []
        baseline = y
        current.append(c)
    if current:
        yield current


def short_lines(pdf, pages):
    """How far (em) each Thai line that does not end its paragraph falls short of its page's right edge
    (the rightmost end of a line on that page), however narrow the line."""
    placed = []
    for number, page in enumerate(extract_pages(pdf, page_numbers=pages)):
        # Top to bottom: pdfminer gives characters in the order they were drawn.
        for line in sorted(lines_of(page), key=lambda line: (-round(line[0].y0), line[0].x0)):
            while len(line) > 1 and line[-1].get_text() == " ":
                line = line[:-1]  # a space the line ends with is not set
            placed.append((number, line))
    edges, lefts = {}, {}
    for number, line in placed:
        edges[number] = max(edges.get(number, 0), line[-1].x1)
        lefts[number] = min(lefts.get(number, line[0].x0), line[0].x0)
    result = []
    for index, (number, line) in enumerate(placed[:-1]):
        next_number, following = placed[index + 1]
        size = max(c.size for c in line)
        if following[0].x0 > lefts[next_number] + size:
            continue  # the next line starts a paragraph
        text = "".join(c.get_text() for c in line)
        if not any("\u0e01" <= c <= "\u0e5b" for c in text) or re.fullmatch(r"[-\s\d\u0e50-\u0e59]+", text):
            continue  # not Thai, or a page number
        result.append(((edges[number] - line[-1].x1) / size, "".join(c.get_text() for c in line)))
    return result


def measure(line):
    size = max(c.size for c in line)
    extras, spaces = [], []
    for a, b in zip(line, line[1:]):
        gap = b.x0 - a.x1
        extras.append(gap)
        if a.get_text() == " " or b.get_text() == " ":
            spaces.append(gap)
    space_chars = [c for c in line if c.get_text() == " "]
    slack = sum(extras)
    after = max([e for e in extras] + [c.x1 - c.x0 + sum(extras[i - 1:i + 1]) for i, c in enumerate(line) if c.get_text() == " " and 0 < i < len(line) - 1] or [0])
    if space_chars:
        natural_space = max(c.x1 - c.x0 for c in space_chars)
        before = natural_space + slack / len(space_chars)
    else:
        before = slack
    added = max(extras + [sum(extras[i - 1:i + 1]) for i, c in enumerate(line) if c.get_text() == " " and 0 < i < len(line) - 1] or [0])
    return before / size, after / size, len(space_chars), "".join(c.get_text() for c in line), added / size, min(extras or [0]) / size


def summary(title, values):
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (f"{title}: median {statistics.median(ordered):.3f} em, p95 {p95:.3f} em, max {ordered[-1]:.2f} em, "
            f"lines over 1 em: {sum(1 for v in ordered if v > 1.0)}")


def main(pdf, minimum=150.0, page_range=None):
    pages = None
    if page_range:
        first, last = (int(n) for n in page_range.split("-"))
        pages = range(first - 1, last)
    rows = []
    for line in lines(pdf, pages):
        if len(line) < 5 or line[-1].x1 - line[0].x0 < float(minimum):
            continue
        if not any("\u0e01" <= c.get_text() <= "\u0e5b" for c in line):
            continue
        rows.append(measure(line))
    # A line set tighter to fit has gaps that shrank (negative) and none that grew.
    tighter = [r for r in rows if r[1] <= 0.001 and r[0] <= 0.001 and r[5] < -0.005]
    justified = [r for r in rows if r[1] > 0.001 or r[0] > 0.001] + tighter
    print(f"lines measured: {len(rows)}, lines with added space: {len(justified) - len(tighter)}, "
          f"lines set tighter (gaps shrunk to fit, counted below with nothing added): {len(tighter)}"
          + (f", tightest gap {min(r[5] for r in tighter):.3f} em" if tighter else ""))
    if not justified:
        return
    before = [r[0] for r in justified]
    after = [r[1] for r in justified]
    print(f"largest gap per line, em   space-only: max {max(before):.2f} median {statistics.median(before):.2f}   "
          f"distributed: max {max(after):.2f} median {statistics.median(after):.2f}")
    print(summary("distributed, largest gap per line (a space with what was added around it)", after))
    print(summary("distributed, space added to the largest gap (natural space width left out)", [max(0.0, r[4]) for r in justified]))
    print(f"lines with no space (space-only cannot justify them): {sum(1 for r in justified if r[2] == 0)}")
    for limit in (1.0, 2.0):
        print(f"lines with a gap over {limit:.0f} em: space-only {sum(1 for b in before if b > limit)}, "
              f"distributed {sum(1 for a in after if a > limit)}")
    for b, a, n, text, _, _ in sorted(justified, reverse=True)[:10]:
        print(f"  {b:5.2f} -> {a:4.2f} em  spaces={n}  {text[:60]}")
    short = short_lines(pdf, pages)
    print(f"lines left short (not ending their paragraph): {len(short)} lines, over 0.1 em short: "
          f"{sum(1 for s, _ in short if s > 0.1)}, over 1 em short: {sum(1 for s, _ in short if s > 1.0)}, "
          f"largest shortfall {max([s for s, _ in short] or [0]):.2f} em")
    for s, text in sorted(short, reverse=True)[:5]:
        if s > 0.1:
            print(f"  {s:5.2f} em short  {text[:60]}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
