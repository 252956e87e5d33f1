#!/usr/bin/env python3
"""Writes every text of a thaireport description as a JSON list of strings, the SOURCE that
`/work/shared/tools/textcheck.py` compares a rendered PDF with.

Usage: python3 scripts/source-texts.py REPORT.yaml > source.json

Texts are the string values of the description (keys that name settings, styles, files, colours,
lengths or options are skipped), with inline markup (`**`, `*`, `__`, `\\`) removed and each line of
a multi-line text taken as its own paragraph, as the renderer does.
"""
import json
import re
import sys

import yaml

# Keys whose values are settings, not printed text.
SETTING_KEYS = {
    "font", "fonts", "styles", "page", "digits", "style", "header-style", "align", "valign", "numbering",
    "file", "files", "rows-from", "width", "height", "columns", "key", "format", "decimals", "borders",
    "padding", "shade", "header-shade", "space", "level", "start", "depth", "title-style", "created",
    "language", "keywords", "size", "orientation", "margins", "position-style", "repeat-header", "keep",
    "colspan", "rowspan", "listed", "bold", "italic", "underline", "keep-together", "words", "metadata",
    "image", "line", "thickness", "gap", "to", "hanging-indent", "first-indent", "single-page",
}


def strip_markup(text):
    text = re.sub(r"\\([*_\\])", lambda m: "\x00" + m.group(1), text)
    text = text.replace("**", "").replace("__", "").replace("*", "")
    return text.replace("\x00", "")


LENGTH = re.compile(r"^[0-9.]+(cm|mm|pt|in|fr|%)$")
BARE_BLOCK_KINDS = {"page-break"}


def walk(node, out):
    if isinstance(node, str):
        if LENGTH.match(node) or node in BARE_BLOCK_KINDS:
            return
        for line in node.split("\n"):
            line = strip_markup(line).strip()
            if line:
                out.append(line)
    elif isinstance(node, list):
        for item in node:
            walk(item, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in SETTING_KEYS:
                walk(value, out)


def main(path):
    with open(path, encoding="utf-8") as f:
        description = yaml.safe_load(f)
    texts = []
    walk(description, texts)
    json.dump(texts, sys.stdout, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main(sys.argv[1])
