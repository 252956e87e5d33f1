#!/usr/bin/env python3
"""Writes a description that sets the distinct Thai paragraphs (40 characters or more) of another
description as justified running text in a text area WIDTH wide, to measure justification with
scripts/justify-gaps.py at that width.

Usage: python3 scripts/justify-widths.py SOURCE.yaml WIDTH_CM > /tmp/justified.yaml
       thaireport render /tmp/justified.yaml -o /tmp/justified.pdf
       python3 scripts/justify-gaps.py /tmp/justified.pdf 100
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
THAI = re.compile(r"[\u0e01-\u0e4f]")


def main(source, width):
    texts = json.loads(subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "source-texts.py"), source],
                                      capture_output=True, text=True, check=True).stdout)
    seen, paragraphs = set(), []
    for text in texts:
        if len(text) >= 40 and THAI.search(text) and text not in seen:
            seen.add(text)
            paragraphs.append(text)
    paper = float(width) + 4
    print(f"page: {{size: [{paper}cm, 29.7cm], margins: \"2cm 2cm 2cm 2cm\", page-numbers: false}}")
    print("blocks:")
    for text in paragraphs:
        print(f"  - paragraph: {{text: {json.dumps(text, ensure_ascii=False)}, align: justify}}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
