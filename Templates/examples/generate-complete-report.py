#!/usr/bin/env python3
"""Writes complete-report.yaml: an example description that uses every part of the thaireport format.

The example is an ITA report (รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน
หน่วยงาน) of a sub-district administrative organisation. Its big landscape table repeats the real
measures of two published reports once per division of the organisation, with a running number,
so that the table runs to well over 210 rows and many pages.

    python3 generate-complete-report.py                 # writes complete-report.yaml, the CSV and the images
    python3 generate-complete-report.py --from-seeds A B  # first rebuilds data/ita-measures.json from
                                                        # seedparse.py output (JSON) of the two reports

Only the Python standard library and Pillow (for the two pictures) are needed. The output is
deterministic: running the script twice gives the same files.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURES = os.path.join(HERE, "data", "ita-measures.json")
CSV_FILE = os.path.join(HERE, "data", "eservice-stats.csv")
OUTPUT = os.path.join(HERE, "complete-report.yaml")

ORGANISATION = "องค์การบริหารส่วนตำบลโคกตูม"
DISTRICT = "อำเภอประโคนชัย"
PROVINCE = "จังหวัดบุรีรัมย์"

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai(n):
    return str(n).translate(THAI_DIGITS)


# ---------------------------------------------------------------------------------------------
# Source rows: the measures of the two seed reports, normalised to one shape.

def split_numbered(text):
    """Splits "๑. ก ๒. ข ๓. ค" (or ๑) ๒) …) into its items, looking only for the next number in turn
    after the text's own first number, so "ตามข้อ ๑) - ๑๑)" inside an item is left alone."""
    first = re.match(r"([๐-๙]+)\s*[.)]", text)
    expected = int(first.group(1).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))) + 1 if first else 2
    items, start = [], 0
    while True:
        match = re.search(r"\s" + thai(expected) + r"\s?[.)]", text[start + 1:])
        if not match:
            break
        cut = start + 1 + match.start()
        items.append(text[start:cut].strip())
        start = cut + 1
        expected += 1
    items.append(text[start:].strip())
    return [i for i in items if i]


def clean(text):
    text = text.replace("คลองประสัก", "โคกตูม").replace("คลองประสงค์", "โคกตูม")
    text = re.sub(r"\.\.+", ".", text)
    text = re.sub(r"(^|\s)([๐-๙]+)\.(?=[^\s๐-๙])", r"\1\2. ", text)  # "๑.ประชุม" -> "๑. ประชุม"
    text = text.replace("กองส่งเสริม การเกษตร", "กองส่งเสริมการเกษตร")
    return re.sub(r"\s+", " ", text).strip()


def strip_number(text):
    return re.sub(r"^[๐-๙]*\s*[.)]\s*", "", text).strip()


def build_measures(seed_a, seed_b):
    """Rows of seedparse JSON (report 000: issues 1-7; report 001: measures with steps)."""
    measures = []
    for block in seed_a:
        if block["type"] != "table":
            continue
        for row in block["rows"]:
            number, measure, period, owner, summary, outcome = ([clean(p) for p in cell] for cell in row)
            if not any(measure):
                continue
            actions = [a for p in summary for a in split_numbered(p)]
            results = [r for p in outcome for r in split_numbered(p)]
            title = strip_number(" ".join(measure))
            if title.endswith("(ต่อ)") and measures:  # the rest of the previous measure, after a page break
                measures[-1]["actions"] += actions
                measures[-1]["results"] += results
                continue
            measures.append({"measure": title, "steps": [], "period": " ".join(period),
                             "owner": [" ".join(owner)], "actions": actions, "results": results})
    previous = None
    for block in seed_b:
        if block["type"] != "table":
            continue
        for row in block["rows"]:
            measure, steps, owner, period, done, outcome = ([clean(p) for p in cell] for cell in row)
            steps = [strip_number(s) for p in steps for s in split_numbered(p)]
            done = [a for p in done for a in split_numbered(p)]
            outcome = [r for p in outcome for r in split_numbered(p)]
            if not measure and previous is not None:  # the rest of a row cut by a page break
                previous["steps"] += steps
                previous["actions"] += done
                previous["results"] += outcome
                continue
            owners = []
            for p in owner:
                for o in (o.strip() for o in re.split(r"(?:^|\s)-\s*", p) if o.strip()):
                    if owners and not o.startswith(("กอง", "สำนัก", "งาน")):
                        owners[-1] += o  # "กองส่งเสริม" + "การเกษตร": one name cut by a line end
                    else:
                        owners.append(o)
            previous = {"measure": strip_number(" ".join(measure)), "steps": steps,
                        "period": " ".join(period), "owner": owners, "actions": done, "results": outcome}
            measures.append(previous)
    return measures


# ---------------------------------------------------------------------------------------------
# YAML writing (no PyYAML needed): block style, texts plain when that is safe, else quoted.

PLAIN_UNSAFE_START = tuple("-?:,[]{}#&*!|>'\"%@`~ ")


class Paragraphs(list):
    """Several paragraphs of one cell: written as a `|` block, one paragraph a line."""


class Flow(dict):
    """A short mapping written on one line: `{text: …, colspan: 7}`."""


def scalar(text):
    text = str(text)
    plain_ok = (text and not text.startswith(PLAIN_UNSAFE_START) and not text.endswith((" ", ":"))
                and ": " not in text and " #" not in text and "\n" not in text
                and not re.fullmatch(r"true|false|yes|no|on|off|null|y|n|~", text, re.I))
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def inline(value):
    """A value that fits after `key:` or `- ` on the same line, or None."""
    if isinstance(value, Paragraphs):
        return None if len(value) > 1 else scalar(value[0])
    if isinstance(value, Flow):
        return "{" + ", ".join(f"{k}: {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return scalar(value)


def emit(value, indent):
    """Lines of a block mapping or list, `indent` spaces deep."""
    pad = " " * indent
    lines = []
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, item in items:
        lead = f"{pad}{key}:" if key is not None else f"{pad}-"
        text = inline(item)
        if text is not None:
            lines.append(f"{lead} {text}")
        elif isinstance(item, Paragraphs):
            lines.append(f"{lead} |")
            lines += [f"{pad}  {p}" for p in item]
        elif key is None:
            # A list item that is itself a mapping or list starts on the dash's line.
            inner = emit(item, indent + 2)
            lines.append(f"{pad}- " + inner[0].lstrip())
            lines += inner[1:]
        else:
            lines.append(lead)
            lines += emit(item, indent + 2)
    return lines


def escape_markup(text):
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("__", "\\_\\_")


def paras(texts):
    return Paragraphs(escape_markup(t) for t in texts)


# ---------------------------------------------------------------------------------------------
# The big table: every measure once per division, a shaded row naming each division.

DIVISIONS = [
    "สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "กองสวัสดิการสังคม",
    "กองส่งเสริมการเกษตร", "กองสาธารณสุขและสิ่งแวดล้อม", "หน่วยตรวจสอบภายใน", "งานนโยบายและแผน",
    "งานการเจ้าหน้าที่", "งานนิติการ", "งานป้องกันและบรรเทาสาธารณภัย", "ศูนย์พัฒนาเด็กเล็ก",
]
QUARTERS = ["ไตรมาสที่ ๑", "ไตรมาสที่ ๑ - ๒", "ไตรมาสที่ ๒", "ไตรมาสที่ ๓", "ไตรมาสที่ ๓ - ๔", "ดำเนินการตลอดทั้งปี"]


def budget_for(division, row):
    """A made-up but stable budget in baht; some measures need none ("-")."""
    seed = (division * 131 + row * 71) % 97
    if seed % 7 == 0:
        return "-"
    baht = 2500 + (seed * 1750) % 118000
    return f"{baht}.50" if seed % 11 == 0 else str(baht)


ROW_INDENT = 12  # the rows sit under `rows:` of the table in section 2


def big_table_rows(measures):
    lines = []
    running = 0
    for d, division in enumerate(DIVISIONS):
        lines.append(" " * ROW_INDENT + f"# {division}")
        lines += emit([{"cells": [Flow(text=f"ส่วนราชการ: {division} {ORGANISATION}", colspan=7, align="left")],
                        "shade": "#E2EFDA", "bold": True, "keep": True}], ROW_INDENT)
        # Periods: the source's own for the first division, rotated for the others. Two neighbours
        # with the same period share one cell (a body rowspan).
        periods = [m["period"] if d == 0 else QUARTERS[(d + i) % len(QUARTERS)] for i, m in enumerate(measures)]
        covered = set()
        for i, m in enumerate(measures):
            running += 1
            owner = paras(([f"หัวหน้า{division}"] if d else []) + m["owner"])
            if m["steps"] and d % 2 == 0:
                measure = [escape_markup(m["measure"]),
                           {"list": {"numbering": "๑)", "items": [escape_markup(s) for s in m["steps"]]}}]
            else:
                measure = escape_markup(m["measure"])
            keep = i == 4 and d % 3 == 0  # the E-Service measure: eight paragraphs kept whole
            if i in covered:
                # Under a row span a record cannot be used (it would fill the covered column), so cells.
                row = {"cells": [thai(running), measure, owner, paras(m["actions"]), paras(m["results"]), budget_for(d, i)]}
                if keep:
                    row["keep"] = True
                lines += emit([row], ROW_INDENT)
                continue
            if i + 1 < len(measures) and periods[i + 1] == periods[i]:
                covered.add(i + 1)
                period = Flow(text=periods[i], rowspan=2, valign="middle")
            else:
                period = periods[i]
            row = {"item": thai(running), "measure": measure, "period": period, "owner": owner,
                   "actions": paras(m["actions"]), "results": paras(m["results"]), "budget": budget_for(d, i)}
            if keep:
                row["keep"] = True
            lines += emit([row], ROW_INDENT)
    return lines, running


# ---------------------------------------------------------------------------------------------
# Small supporting files.

CSV_ROWS = [
    ("month", "service", "requests", "done", "rate"),
    ("ตุลาคม ๒๕๖๗", "ขออนุญาตก่อสร้างอาคาร", "12", "12", "100"),
    ("พฤศจิกายน ๒๕๖๗", "ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "148", "146", "98.65"),
    ("ธันวาคม ๒๕๖๗", "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ", "63", "63", "100"),
    ("มกราคม ๒๕๖๘", "แจ้งซ่อมไฟฟ้าสาธารณะ", "41", "39", "95.12"),
    ("กุมภาพันธ์ ๒๕๖๘", "ขอรับถังขยะ \"ครัวเรือนปลอดขยะ\"", "27", "27", "100"),
    ("มีนาคม ๒๕๖๘", "ขอใช้รถบรรทุกน้ำอุปโภคบริโภค", "35", "33", "94.29"),
    ("เมษายน ๒๕๖๘", "ร้องเรียน/ร้องทุกข์ทั่วไป", "9", "9", "100"),
    ("พฤษภาคม ๒๕๖๘", "ขออนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ", "16", "15", "93.75"),
    ("มิถุนายน ๒๕๖๘", "ขอข้อมูลข่าวสารของราชการ", "7", "7", "100"),
]


def write_csv():
    with open(CSV_FILE, "w", encoding="utf-8", newline="") as f:
        for row in CSV_ROWS:
            f.write(",".join('"' + c.replace('"', '""') + '"' if ("," in c or '"' in c) else c for c in row) + "\n")


def write_images():
    from PIL import Image, ImageDraw  # pip install pillow
    import math

    # The emblem: a round seal with a lotus over water, on a transparent ground (PNG with alpha).
    size = 480
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    d.ellipse((8, 8, size - 8, size - 8), fill=(125, 33, 129, 255))
    d.ellipse((30, 30, size - 30, size - 30), fill=(255, 215, 0, 255))
    d.ellipse((44, 44, size - 44, size - 44), fill=(255, 250, 235, 255))
    for k in range(36):  # dotted ring
        a = 2 * math.pi * k / 36
        x, y = c + 208 * math.cos(a), c + 208 * math.sin(a)
        d.ellipse((x - 5, y - 5, x + 5, y + 5), fill=(125, 33, 129, 255))
    for k in range(4):  # water
        y = 330 + k * 22
        d.arc((90, y - 20, 240, y + 20), 20, 160, fill=(30, 90, 170, 255), width=6)
        d.arc((240, y - 20, 390, y + 20), 20, 160, fill=(30, 90, 170, 255), width=6)
    petals = [(-60, 90), (-30, 120), (0, 140), (30, 120), (60, 90)]
    for angle, length in petals:  # lotus petals
        a = math.radians(angle - 90)
        tip = (c + length * math.cos(a), 300 + length * math.sin(a))
        left = (c + 42 * math.cos(a - 1.2), 300 + 42 * math.sin(a - 1.2))
        right = (c + 42 * math.cos(a + 1.2), 300 + 42 * math.sin(a + 1.2))
        d.polygon([(c, 300), left, tip, right], fill=(232, 92, 140, 255), outline=(150, 30, 80, 255))
    d.rectangle((c - 6, 300, c + 6, 360), fill=(40, 130, 60, 255))
    d.polygon([(c, 80), (c + 18, 118), (c + 60, 118), (c + 26, 142), (c + 40, 182), (c, 158),
               (c - 40, 182), (c - 26, 142), (c - 60, 118), (c - 18, 118)], fill=(125, 33, 129, 255))
    img.save(os.path.join(HERE, "images", "emblem.png"), optimize=True)

    # A photograph-like picture of a public hearing (JPEG, no alpha).
    w, h = 800, 480
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):  # sky to ground gradient
        t = y / h
        colour = (int(120 + 100 * t), int(170 + 50 * t), int(235 - 40 * t)) if y < 260 else (int(90 + 40 * t), int(140 + 30 * t), 70)
        d.line((0, y, w, y), fill=colour)
    d.ellipse((620, 40, 700, 120), fill=(255, 236, 160))
    d.polygon([(150, 160), (400, 60), (650, 160)], fill=(170, 60, 40))  # hall roof
    d.rectangle((180, 160, 620, 320), fill=(236, 228, 210))
    for x in range(200, 600, 60):
        d.rectangle((x, 190, x + 30, 250), fill=(90, 120, 160))
    d.rectangle((370, 240, 430, 320), fill=(110, 70, 40))
    d.rectangle((250, 120, 550, 150), fill=(255, 255, 255))  # banner
    d.rectangle((262, 128, 538, 142), fill=(125, 33, 129))
    for k in range(14):  # people in rows
        x = 60 + k * 52
        y = 380 + (k % 2) * 30
        shirt = [(30, 80, 160), (200, 200, 200), (150, 40, 40), (240, 200, 60)][k % 4]
        d.ellipse((x, y - 36, x + 24, y - 12), fill=(120, 80, 50))
        d.rounded_rectangle((x - 6, y - 12, x + 30, y + 50), 10, fill=shirt)
    img.save(os.path.join(HERE, "images", "public-hearing.jpg"), quality=85, optimize=True)


# ---------------------------------------------------------------------------------------------
# Everything but the rows of the big table.

TEMPLATE = r'''# A complete example of a thaireport description: the yearly ITA report of a sub-district
# administrative organisation (รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส
# ภายในหน่วยงาน). It uses every kind of block and most settings of the format.
#
# GENERATED by generate-complete-report.py (the big table in section 2 repeats the measures in
# data/ita-measures.json once per division). Edit the script, not this file, then run
#     python3 generate-complete-report.py
# Render with
#     thaireport render complete-report.yaml -o complete-report.pdf

metadata:
  title: รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘
  author: สำนักปลัด องค์การบริหารส่วนตำบลโคกตูม
  subject: การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)
  keywords: [ITA, คุณธรรมและความโปร่งใส, องค์การบริหารส่วนตำบลโคกตูม, ปีงบประมาณ ๒๕๖๘]
  language: th
  created: 2025-10-15

digits: thai          # numbers in tables, lists and page numbers are written with Thai digits
font: Sarabun         # the bundled family; `fonts:` could add others (files next to this description)

styles:
  # Built-in styles changed for this report.
  heading-1: {size: 18, align: center, space-before: 0pt, space-after: 12pt}
  heading-2: {size: 16, space-before: 12pt, space-after: 3pt}
  heading-3: {size: 16, bold: false, italic: true, left-indent: 1cm, space-before: 6pt}
  table: {size: 14, line-spacing: 1.0}
  footer: {size: 12, color: "#595959"}
  # Styles of this report.
  cover-title: {based-on: title, font: Sarabun, size: 26, space-after: 6pt}
  cover-org: {based-on: title, size: 22, space-before: 12pt}
  cover-line: {based-on: body, align: center, first-line-indent: 0, size: 18}
  quote:
    based-on: body
    italic: true
    left-indent: 1.5cm
    first-line-indent: 0
    space-before: 6pt
    space-after: 6pt
    color: "#1F3864"
  note:
    based-on: body
    size: 14
    first-line-indent: 0
    line-spacing: 1.15
    color: "#404040"
  closing: {based-on: body, keep-with-next: true}   # stays on the page of the signatures
  emphasis: {based-on: body, underline: true, bold: true, keep-with-next: true, first-line-indent: 0}
  form-field: {based-on: body, align: left, first-line-indent: 0, space-before: 2pt}
  subject-line: {based-on: body, align: left, hanging-indent: 1cm}   # the lines after the first under the text
  big-table: {based-on: table, size: 13}
  big-table-head: {based-on: table-header, size: 14}

page:
  size: A4
  orientation: portrait
  margins: "2.5cm 2cm 2cm 3cm"     # top right bottom left
  footer:
    left: รายงานผลการดำเนินการ ITA ปีงบประมาณ พ.ศ. ๒๕๖๘
    right: "หน้า {page}"
    style: footer
  page-numbers:
    position: top-center
    style: dash               # - ๒ -
    digits: thai
    skip-first-page: true     # the cover carries no number

# Names that must never be split at a line end.
keep-together:
  - องค์การบริหารส่วนตำบลโคกตูม
  - อำเภอประโคนชัย
  - จังหวัดบุรีรัมย์

sections:
  # ----------------------------------------------------------------------------------------------
  # Section 1 (portrait): cover, contents, introduction, the budget summary.
  - blocks:
      - image:
          file: images/emblem.png
          width: 3.5cm          # the emblem is square: both sizes given
          height: 3.5cm
          align: center
      - spacer: 1.5cm
      - paragraph: รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
        style: cover-title
      - paragraph: ประจำปีงบประมาณ พ.ศ. ๒๕๖๘
        style: cover-title
      - paragraph: องค์การบริหารส่วนตำบลโคกตูม อำเภอประโคนชัย จังหวัดบุรีรัมย์
        style: cover-org
      - spacer: 5cm
      - paragraph: จัดทำโดย สำนักปลัด องค์การบริหารส่วนตำบลโคกตูม
        style: cover-line
      - paragraph: โทรศัพท์ ๐ ๔๔๖๖ ๒๑๐๐  •  www.khoktoom.go.th
        style: cover-line
      - paragraph: ตุลาคม ๒๕๖๘
        style: cover-line
      - page-break

      - toc:
          title: สารบัญ
          depth: 2
      - page-break

      - heading: ส่วนที่ ๑ บทนำ
        level: 1
      - heading: ๑.๑ หลักการและเหตุผล
        level: 2
      - >-
        ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้พัฒนา
        **เครื่องมือการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and
        Transparency Assessment: ITA)** ขึ้น เพื่อเป็นกลไกในการยกระดับการบริหารงานของหน่วยงานภาครัฐ
        ให้เป็นไปตามหลักธรรมาภิบาล องค์การบริหารส่วนตำบลโคกตูม อำเภอประโคนชัย จังหวัดบุรีรัมย์
        ได้เข้ารับการประเมินเป็นประจำทุกปี และนำผลการประเมินมาวิเคราะห์
        เพื่อกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานอย่างเป็นรูปธรรม
      - paragraph: >-
          ผลการประเมินประจำปีงบประมาณ พ.ศ. ๒๕๖๗ แสดงให้เห็นว่าหน่วยงานมีจุดแข็งด้าน*การเปิดเผยข้อมูล*
          แต่ยังมีประเด็นที่ต้องพัฒนาในด้าน__การป้องกันการทุจริต__และ__การปรับปรุงระบบการทำงาน__
          รายงานฉบับนี้จึงสรุป***มาตรการ กิจกรรม และผลการดำเนินการ***ของทุกส่วนราชการในสังกัด
          ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘ ตามแบบที่สำนักงาน ป.ป.ช. กำหนด
      - heading: (๑) ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๗
        level: 3
      - >-
        องค์การบริหารส่วนตำบลโคกตูมได้คะแนนการประเมินในภาพรวม **๘๗.๓๕ คะแนน** อยู่ในระดับ
        **ผ่าน** (ระดับ A) โดยตัวชี้วัดการเปิดเผยข้อมูล (OIT) ได้คะแนนสูงสุด
        ส่วนตัวชี้วัดการป้องกันการทุจริตได้คะแนนต่ำกว่าค่าเป้าหมายที่กำหนด
      - heading: (๒) ข้อสังเกตจากการวิเคราะห์ผลการประเมิน
        level: 3
      - paragraph:
          - "ผู้ประเมินให้ข้อสังเกตว่า "
          - {text: องค์การบริหารส่วนตำบลโคกตูม, bold: true}
          - " ควรเผยแพร่รายงานผลการดำเนินการตามมาตรการให้ครบทุกไตรมาส และระบุ"
          - {text: "ผลลัพธ์ที่วัดได้", underline: true}
          - " ของแต่ละกิจกรรมให้ชัดเจนยิ่งขึ้น"
          - {text: " (ข้อเสนอแนะของคณะผู้ประเมิน)", italic: true, keep-together: true}
        style: quote

      - heading: ๑.๒ วัตถุประสงค์
        level: 2
      - list:
          numbering: "๑."
          items:
            - เพื่อรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
            - text: เพื่อยกระดับผลการประเมิน ITA ของหน่วยงานในปีงบประมาณถัดไป ได้แก่
              items:
                - ตัวชี้วัดการปฏิบัติหน้าที่และการใช้อำนาจ
                - text: ตัวชี้วัดการแก้ไขปัญหาการทุจริต ประกอบด้วย
                  items:
                    - การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ
                    - การประเมินความเสี่ยงการทุจริตและการจัดการความเสี่ยง
                    - การเสริมสร้างวัฒนธรรมองค์กรที่ไม่ทนต่อการทุจริต
                - ตัวชี้วัดคุณภาพการดำเนินงานและประสิทธิภาพการสื่อสาร
            - เพื่อเผยแพร่ผลการดำเนินการให้ประชาชนและผู้มีส่วนได้ส่วนเสียตรวจสอบได้
      - heading: ๑.๓ ขอบเขตการดำเนินงาน
        level: 2
      - paragraph: รายงานฉบับนี้ครอบคลุมการดำเนินงานของ **ทุกส่วนราชการ** ดังต่อไปนี้
        style: emphasis
      - list:
          numbering: bullet
          items:
            - สำนักปลัด กองคลัง กองช่าง และกองการศึกษา ศาสนาและวัฒนธรรม
            - กองสวัสดิการสังคม กองส่งเสริมการเกษตร และกองสาธารณสุขและสิ่งแวดล้อม
            - text: หน่วยงานและงานในสังกัดสำนักปลัด
              numbering: "-"
              items:
                - หน่วยตรวจสอบภายใน งานนโยบายและแผน งานการเจ้าหน้าที่ และงานนิติการ
                - งานป้องกันและบรรเทาสาธารณภัย และศูนย์พัฒนาเด็กเล็ก
      - paragraph: ระยะเวลาดำเนินการ ตั้งแต่ ๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘
        align: center
        style: note

      - heading: ส่วนที่ ๒ ภาพรวมการดำเนินการและงบประมาณ
        level: 1
      - heading: ๒.๑ สรุปงบประมาณตามประเด็นการประเมิน
        level: 2
      - >-
        ตารางต่อไปนี้สรุปงบประมาณที่ใช้ในการดำเนินการตามมาตรการ จำแนกตามประเด็นการประเมิน
        ตัวเลขเป็นจำนวนเงินบาท ณ วันที่ ๓๐ กันยายน ๒๕๖๘
      - table:
          columns:
            - {width: 4cm, valign: middle}
            - 3fr
            - {key: count, width: 1.6cm, align: center, format: integer}
            - {key: allocated, width: 2.6cm, format: money}
            - {key: spent, width: 2.6cm, format: money}
            - {key: rate, width: 1.7cm, format: decimal, decimals: 2}
          header:
            - - {text: ประเด็นการประเมิน, rowspan: 2}
              - {text: กิจกรรม, rowspan: 2}
              - {text: จำนวน (ครั้ง), rowspan: 2}
              - {text: งบประมาณ (บาท), colspan: 2}
              - {text: ร้อยละ, rowspan: 2}
            - - ที่ได้รับจัดสรร
              - เบิกจ่ายจริง
          header-shade: "#D9D9D9"
          borders: 0.5pt
          padding: "2pt 4pt"
          repeat-header: true
          rows:
            - [{text: "๑. การปฏิบัติหน้าที่", rowspan: 2}, จัดทำและเผยแพร่คู่มือการปฏิบัติงาน, 4, 15000, 14250, 95]
            - [ประชุมชี้แจงบุคลากรเรื่องผลประเมิน ITA, 2, 8000, 8000, 100]
            - [{text: "๒. การใช้งบประมาณ", rowspan: 3}, เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี, 1, 0, 0, 0]
            - - เปิดรับฟังความคิดเห็นการจัดทำงบประมาณ
              - 3
              - 25000
              - 23860
              - 95.44
            - cells:
                - - จัดอบรมคณะกรรมการตรวจรับพัสดุ หัวข้อ
                  - list:
                      numbering: "-"
                      items:
                        - ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้าง พ.ศ. ๒๕๖๐
                        - การตรวจรับงานก่อสร้างและการจัดทำรายงาน
                - 1
                - 42000
                - 39915.50
                - 95.04
              keep: true
            - [{text: "๓. การแก้ไขปัญหาการทุจริต", rowspan: 2}, กิจกรรมประกาศเจตนารมณ์ No Gift Policy, 1, 5000, 4800, 96]
            - cells:
                - |
                  โครงการอบรมคุณธรรมจริยธรรมสำหรับผู้บริหาร สมาชิกสภา และพนักงาน
                  (จัดร่วมกับอำเภอประโคนชัย ๒ รุ่น รวม ๑๒๐ คน)
                - 2
                - 60000
                - 58420
                - 97.37
              shade: "#FFF2CC"
            - [{text: "๔. คุณภาพการดำเนินงาน", colspan: 2, align: left, bold: true}, 6, 35000, 31500, 90]
          totals:
            label: รวมทั้งสิ้น
            columns: [count, allocated, spent]
      - paragraph: "หมายเหตุ: ร้อยละคำนวณจากงบประมาณที่เบิกจ่ายจริงเทียบกับงบประมาณที่ได้รับจัดสรร"
        style: note

      - heading: ๒.๒ สถิติการให้บริการผ่านระบบ E-Service
        level: 2
      - >-
        ข้อมูลในตารางนี้อ่านจากไฟล์ data/eservice-stats.csv ซึ่งส่งออกจากระบบ E-Service ของหน่วยงาน
        (ตัวอย่างรายการเด่นของแต่ละเดือน)
      - table:
          columns:
            - {key: month, width: 3cm}
            - {key: service, width: 3fr}
            - {key: requests, width: 2cm, format: integer}
            - {key: done, width: 2cm, format: integer}
            - {key: rate, width: 2cm, format: decimal, decimals: 2}
          header: [เดือน, บริการ, คำขอ (เรื่อง), ดำเนินการแล้ว, ร้อยละ]
          header-shade: "#DEEAF6"
          rows-from: data/eservice-stats.csv
          totals: {label: รวม, columns: [requests, done]}

      - spacer: 0.5cm
      - paragraph: ขอรับรองว่าข้อมูลงบประมาณและสถิติข้างต้นถูกต้องตามหลักฐานทางการเงินและทะเบียนคุมของหน่วยงาน
      - signature:
          label: (ลงชื่อ)
          role: ผู้รับรองข้อมูล
          name: นางสาวพรทิพย์ ศรีสุข
          position:
            - ผู้อำนวยการกองคลัง
            - องค์การบริหารส่วนตำบลโคกตูม

  # ----------------------------------------------------------------------------------------------
  # Section 2 (landscape): the measures of every division, one long table.
  - page:
      orientation: landscape
      margins: {top: 2cm, right: 1.5cm, bottom: 1.8cm, left: 2cm}
      header-distance: 0.9cm
      footer-distance: 0.8cm
      header:
        left: แบบ ITA-๒
        right: องค์การบริหารส่วนตำบลโคกตูม
        style: footer
    blocks:
      - heading: ส่วนที่ ๓ ผลการดำเนินการตามมาตรการ จำแนกตามส่วนราชการ
        level: 1
      - >-
        ตารางนี้แสดงมาตรการ/กิจกรรม ระยะเวลา ผู้รับผิดชอบ ผลการดำเนินการ ผลลัพธ์ และงบประมาณ
        ของทุกส่วนราชการ รวม @ROW-COUNT@ รายการ แถวที่มีพื้นสีเขียวคือชื่อส่วนราชการ
      - table:
          style: big-table
          header-style: big-table-head
          columns:
            - {key: item, width: 1.2cm, align: center}
            - {key: measure, width: 4fr}
            - {key: period, width: 2.4cm, align: center}
            - {key: owner, width: 3.2cm}
            - {key: actions, width: 5fr}
            - {key: results, width: 5fr}
            - {key: budget, width: 2.6cm, format: money}
          header:
            - - {text: ลำดับ, rowspan: 2}
              - {text: มาตรการ/กิจกรรม, rowspan: 2}
              - {text: ระยะเวลาดำเนินการ, rowspan: 2}
              - {text: ผู้รับผิดชอบ, rowspan: 2}
              - {text: ผลการดำเนินงาน, colspan: 2}
              - {text: "งบประมาณ\n(บาท)", rowspan: 2}
            - - สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม
              - ผลลัพธ์หรือความสำเร็จในการดำเนินการ
          header-shade: "#C6E0B4"
          repeat-header: true
          padding: "2pt 3pt"
          rows:
            # @BIG-TABLE-ROWS@
          totals:
            label: รวมงบประมาณทั้งสิ้น
            columns: [budget]

  # ----------------------------------------------------------------------------------------------
  # Section 3 (portrait again): conclusions, a picture, the signatures.
  - blocks:
      - heading: ส่วนที่ ๔ สรุปผล ปัญหาอุปสรรค และข้อเสนอแนะ
        level: 1
      - heading: ๔.๑ สรุปผลการดำเนินการ
        level: 2
      - >-
        ในปีงบประมาณ พ.ศ. ๒๕๖๘ องค์การบริหารส่วนตำบลโคกตูม
        ได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน**ครบทุกมาตรการ**
        ทุกส่วนราชการได้รายงานผลการดำเนินการเป็นรายไตรมาส และเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานภายในระยะเวลาที่กำหนด
      - heading: ๔.๒ ปัญหาและอุปสรรค
        level: 2
      - list:
          numbering: "(๑)"
          items:
            - บุคลากรบางส่วนยังไม่เข้าใจเกณฑ์การประเมิน ITA และการจัดเก็บหลักฐานประกอบ
            - ระบบ E-Service บางบริการยังต้องให้ประชาชนมายื่นเอกสารฉบับจริงที่สำนักงาน
            - การประชาสัมพันธ์ช่องทางร้องเรียนการทุจริตยังเข้าไม่ถึงผู้สูงอายุในบางหมู่บ้าน
      - heading: ๔.๓ ข้อเสนอแนะ
        level: 2
      - list:
          numbering: "1)"
          start: 4
          items:
            - จัดอบรมทบทวนเกณฑ์การประเมินให้ผู้รับผิดชอบทุกกองก่อนเริ่มปีงบประมาณ
            - เพิ่มบริการที่ยื่นและรับผลได้ทางออนไลน์ทั้งหมดอย่างน้อย ๓ บริการ
            - ประชาสัมพันธ์ผ่านหอกระจายข่าวและอาสาสมัครสาธารณสุขประจำหมู่บ้าน
      - heading: ๔.๔ ภาพกิจกรรม
        level: 2
      - image:
          file: images/public-hearing.jpg
          width: 60%
          caption: ภาพที่ ๑ การประชุมรับฟังความคิดเห็นของประชาชนต่อการจัดทำงบประมาณ ณ ศาลากลางหมู่บ้าน
      - heading: หมายเหตุประกอบรายงาน
        level: 2
        listed: false
      - paragraph: >-
          รายงานฉบับนี้เผยแพร่บนเว็บไซต์ขององค์การบริหารส่วนตำบลโคกตูม หัวข้อ "การเปิดเผยข้อมูล (OIT)"
          ข้อ O๔๓ และข้อ O๔๔ ผู้สนใจสามารถขอสำเนาได้ที่สำนักปลัด ในวันและเวลาราชการ
        style: note
      - heading: ๔.๕ บันทึกเสนอผู้บริหาร
        level: 2
      # Blocks side by side: the emblem in a 2 cm column, the title beside it, bottoms aligned.
      - columns:
          - width: 2cm
            blocks:
              - image: {file: images/emblem.png, height: 1.5cm, align: left}
          - blocks:
              - paragraph: [{text: บันทึกข้อความ, bold: true, size: 29}]
                align: center
          - width: 2cm
        valign: bottom
      # Labels with dotted leaders: the value written over the dots, a field ending at a given x.
      - leaders:
          - label: [{text: ส่วนราชการ, bold: true, size: 20}]
            value: สำนักปลัด องค์การบริหารส่วนตำบลโคกตูม โทร. ๐ ๔๔๖๖ ๒๑๐๐
        style: form-field
      - leaders:
          - {label: [{text: ที่, bold: true, size: 20}], value: บร ๗๘๑๐๑/๒๓๔, to: 50%}
          - {label: [{text: วันที่, bold: true, size: 20}], value: ๑๕ ตุลาคม ๒๕๖๘}
        style: form-field
      - leaders:
          - label: [{text: เรื่อง, bold: true, size: 20}]
            value: ขออนุญาตเผยแพร่รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส
        style: form-field
        value-position: after
      - rule: {width: 100%, thickness: 0.5pt, color: "#7F7F7F"}
      # A hanging indent: the subject's second line starts under its text.
      - paragraph: เรื่อง  รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ เพื่อเผยแพร่บนเว็บไซต์
        style: subject-line
      # A centred paragraph has no first-line indent, so it is centred on the page.
      - paragraph: ข้อมูลทั้งหมดเผยแพร่ที่ www.khoktoom.go.th
        align: center
      - rule: 4cm
      - paragraph: จึงเรียนมาเพื่อโปรดทราบ
        style: closing
      - signature:
          signers:
            - role: ผู้รายงาน
              name: นายสมชาย ใจดี
              position: [นักวิเคราะห์นโยบายและแผนชำนาญการ]
            - role: ผู้ตรวจ
              name: นางสาวมาลี รักษ์ดี
              position: [หัวหน้าสำนักปลัด]
            - role: ผู้อนุมัติ
              name: นายประสิทธิ์ มั่นคง
              position: [นายกองค์การบริหารส่วนตำบลโคกตูม]
          space: 1cm
      # The three signers above do not fit legibly in one row of A4 portrait: two, then one, kept on
      # the page of the text's last lines. An announcement signs without the dotted line (`line: false`).
      - spacer: 0.8cm
      - paragraph: ประกาศ ณ วันที่ ๑๕ ตุลาคม ๒๕๖๘
        align: center
      - signature:
          name: นายประสิทธิ์ มั่นคง
          position: [นายกองค์การบริหารส่วนตำบลโคกตูม]
          line: false
          space: 1.5cm
'''


# ---------------------------------------------------------------------------------------------

def main(argv):
    if len(argv) >= 3 and argv[0] == "--from-seeds":
        seeds = [json.load(open(p, encoding="utf-8")) for p in argv[1:3]]
        with open(MEASURES, "w", encoding="utf-8") as f:
            json.dump(build_measures(*seeds), f, ensure_ascii=False, indent=1)
            f.write("\n")
    measures = json.load(open(MEASURES, encoding="utf-8"))
    rows, count = big_table_rows(measures)
    text = TEMPLATE.replace("            # @BIG-TABLE-ROWS@\n", "\n".join(rows) + "\n")
    text = text.replace("@ROW-COUNT@", thai(count))
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    write_csv()
    write_images()
    print(f"wrote {OUTPUT}: {count} measure rows in the big table, {len(text.splitlines())} lines")


if __name__ == "__main__":
    main(sys.argv[1:])
