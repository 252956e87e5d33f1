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

It also adds one glyph per way the font's shaping draws ำ (SARA AM) that no glyph of the font draws
whole: HarfBuzz splits ำ into nikhahit + sara aa and moves the nikhahit (or its ligature with a tone
mark) by each letter's anchor, so the pair needs two glyphs, and the sara aa would have to be drawn as
an outline to keep the text exact (see SaraAmGlyph.swift). Each added glyph is a composite of the two
at shaping's offset, named `am.<nikhahit glyph>.<dx>.<dy>` (font units, `m` for minus:
`am.uni0E4D0E49.m10.0`), with no cmap entry; the renderer finds it by name, checks that it draws
exactly the pair, and shows it in their place. Glyphs already in the font keep their numbers.

Usage: python3 scripts/prepare-fonts.py Fonts/Sarabun/*.ttf     (needs: pip install fonttools uharfbuzz)
A font a description adds can be prepared the same way (work on a copy: the file is changed in place).
Fonts without a GDEF table, or without Thai sara aa, are left unchanged: which glyphs are marks is not
known, so giving widths could move glyphs.
"""
import sys

import uharfbuzz
from fontTools.pens.ttGlyphPen import TTGlyphPen
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
    composites = add_sara_am_glyphs(path, font, cmap)
    font.save(path)
    print(f"{path}: {changed} mark widths set, {ligatures} ligature cmap entries removed, {composites} ำ glyphs added")


THAI_BASES = [chr(c) for c in range(0x0E01, 0x0E2F)] + ["\u0E24", "\u0E26"]
TONE_MARKS = ["", "\u0E48", "\u0E49", "\u0E4A", "\u0E4B"]


def sara_am_name(nikhahit, dx, dy):
    """The name of the glyph drawing `nikhahit` at (dx, dy) font units from sara aa, and sara aa."""
    number = lambda value: f"m{-value}" if value < 0 else str(value)
    return f"am.{nikhahit}.{number(dx)}.{number(dy)}"


def sara_am_offsets(path, order, sara_aa):
    """Each (nikhahit glyph, dx, dy) HarfBuzz draws before sara aa when it shapes a Thai letter, with or
    without a tone mark, followed by ำ; dx and dy are the nikhahit's origin from the sara aa's."""
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path))
    shaper = uharfbuzz.Font(face)
    offsets = set()
    for base in THAI_BASES:
        for tone in TONE_MARKS:
            buffer = uharfbuzz.Buffer()
            buffer.add_str(base + tone + "\u0E33")
            buffer.guess_segment_properties()
            uharfbuzz.shape(shaper, buffer)
            infos, positions = buffer.glyph_infos, buffer.glyph_positions
            for index in range(1, len(infos)):
                if order[infos[index].codepoint] != sara_aa:
                    continue
                mark, aa = positions[index - 1], positions[index]
                offsets.add((order[infos[index - 1].codepoint], mark.x_offset - mark.x_advance - aa.x_offset,
                             mark.y_offset - aa.y_offset))
    return offsets


def add_sara_am_glyphs(path, font, cmap):
    """Adds the composites of nikhahit + sara aa that the font's own ำ glyph does not already draw."""
    if 0x0E33 not in cmap or "glyf" not in font:
        return 0
    order = list(font.getGlyphOrder())
    sara_aa = cmap[0x0E32]
    glyf, metrics = font["glyf"], font["hmtx"]
    added = {}
    for nikhahit, dx, dy in sorted(sara_am_offsets(path, order, sara_aa)):
        name = sara_am_name(nikhahit, dx, dy)
        if name in order or (nikhahit == cmap.get(0x0E4D) and (dx, dy) == (0, 0)):
            continue  # already added, or the font's own ำ
        pen = TTGlyphPen(glyf)
        pen.addComponent(nikhahit, (1, 0, 0, 1, dx, dy))
        pen.addComponent(sara_aa, (1, 0, 0, 1, 0, 0))
        added[name] = pen.glyph(componentFlags=0)  # offsets exact, never rounded to a pixel grid
    if added:
        font.setGlyphOrder(order + list(added))
        glyf.setGlyphOrder(order + list(added))
        for name, glyph in added.items():
            glyf.glyphs[name] = glyph
            glyph.recalcBounds(glyf)
            metrics[name] = (metrics[sara_aa][0], glyph.xMin)
    return len(added)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        prepare(path)
