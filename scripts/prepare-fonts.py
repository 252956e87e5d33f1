#!/usr/bin/env python3
"""Gives the combining marks of the bundled Sarabun fonts a width in `hmtx`, so that PDF readers which
rebuild text from glyph widths (pdfminer) keep a base letter and its marks together.

Pages do not change: HarfBuzz sets the advance of every GDEF mark glyph to zero when it shapes, and the
PDF places each glyph where Pango put it. Only the widths written in the PDF's /W array change.
- Nikhahit glyphs (uni0E4D and its ligatures with tone marks) get the width of sara aa: with ำ,
  HarfBuzz draws nikhahit + sara aa, the nikhahit carries the text ำ and the sara aa is drawn as an
  outline (see PDFCanvas), so the nikhahit must cover the sara aa's place.
- Every other zero-width mark gets MARK_WIDTH em.
Marks that already have a width are left alone, so running the script twice changes nothing.

It also removes the cmap entries of the Latin ligature presentation forms (U+FB00–U+FB06: ﬁ ﬂ …) whose
glyphs the font reaches through its `liga` feature. Cairo gives a glyph the character the cmap maps to
it as its ToUnicode entry before any text it is shown for, so the fi ligature of "official" read back
as ﬁ in readers that ignore /ActualText (pdfminer); without the entry it reads back as fi. A typed ﬁ
is then drawn by the fallback font (DejaVu Sans has the presentation forms).

Usage: python3 scripts/prepare-fonts.py Fonts/Sarabun/*.ttf     (needs: pip install fonttools)
A font a description adds can be prepared the same way (work on a copy: the file is changed in place).
Fonts without a GDEF table, or without Thai sara aa, are left unchanged: which glyphs are marks is not
known, so giving widths could move glyphs.
"""
import sys

from fontTools.ttLib import TTFont

MARK_WIDTH = 0.1


def prepare(path):
    font = TTFont(path)
    cmap = font.getBestCmap() or {}
    gdef = font["GDEF"].table if "GDEF" in font else None
    if gdef is None or gdef.GlyphClassDef is None or 0x0E32 not in cmap:
        print(f"{path}: left unchanged (no GDEF glyph classes or no Thai sara aa)")
        return
    classes = gdef.GlyphClassDef.classDefs
    metrics = font["hmtx"]
    em = font["head"].unitsPerEm
    sara_aa = metrics[cmap[0x0E32]][0]
    nikhahit = cmap.get(0x0E4D, "uni0E4D")
    changed = 0
    for glyph, glyph_class in classes.items():
        advance, lsb = metrics[glyph]
        if glyph_class != 3 or advance != 0:
            continue
        width = sara_aa if glyph.startswith(("uni0E4D", nikhahit)) else round(MARK_WIDTH * em)
        metrics[glyph] = (width, lsb)
        changed += 1
    ligatures = 0
    for table in font["cmap"].tables:
        for code in [c for c in table.cmap if 0xFB00 <= c <= 0xFB06]:
            del table.cmap[code]
            ligatures += 1
    font.save(path)
    print(f"{path}: {changed} mark widths set, {ligatures} ligature cmap entries removed")


if __name__ == "__main__":
    for path in sys.argv[1:]:
        prepare(path)
