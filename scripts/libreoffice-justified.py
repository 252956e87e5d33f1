#!/usr/bin/env python3
"""Writes the paragraphs of a description made by scripts/justify-widths.py as a LibreOffice document
(flat ODT) set the same way: Sarabun at the drawn size of TH Sarabun New 16 (10.88 pt), justified, the
2.5 cm first-line indent of `body`, a text area WIDTH_CM wide. Converted to PDF, it is measured with
scripts/justify-gaps.py like thaireport's rendering, to compare justification on the same text.

Usage: python3 scripts/justify-widths.py Templates/examples/complete-report.yaml 8 > /tmp/j8.yaml
       python3 scripts/libreoffice-justified.py /tmp/j8.yaml 8 > /tmp/lo8.fodt
       soffice --headless --convert-to pdf --outdir /tmp /tmp/lo8.fodt   (Sarabun installed: Fonts/Sarabun)
       python3 scripts/justify-gaps.py /tmp/lo8.pdf 100
"""
import html
import json
import re
import sys


def main(source, width):
    paragraphs = [json.loads(m) for m in re.findall(r'paragraph: \{text: (".*?"), align: justify\}$', open(source, encoding="utf-8").read(), re.M)]
    body = "\n".join(f'<text:p text:style-name="P">{html.escape(p)}</text:p>' for p in paragraphs)
    font = ('style:font-name="Sarabun" fo:font-size="10.88pt" style:font-name-complex="Sarabun" '
            'style:font-size-complex="10.88pt" fo:language="th" fo:country="TH" style:language-complex="th" style:country-complex="TH"')
    print(f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Sarabun" svg:font-family="Sarabun"/></office:font-face-decls>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="{float(width) + 4}cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="2.5cm" fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties {font}/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>''')


if __name__ == "__main__":
    main(*sys.argv[1:3])
