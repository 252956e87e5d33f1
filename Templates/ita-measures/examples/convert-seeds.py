"""Seeds 000/001/004 (../shared/seeds beside the repository) -> the ita-measures example descriptions (data only).
Usage: python3 convert-seeds.py [OUTPUT_FOLDER]   (default: this folder; needs PyYAML)
Each seed is read through ../shared/tools/seedparse.py; the corrections of text the conversion garbled
are in this script (see the closing note of issue 3). Its output is the committed examples, byte for byte.
"""
import glob, json, os, re, subprocess, sys, yaml

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared")

def seed(number):
    """The seedparse blocks of seed `number`, with its headings, paragraphs and table rows."""
    path, = glob.glob(os.path.join(SHARED, "seeds", number + "_*.txt"))
    blocks = json.loads(subprocess.run([sys.executable, os.path.join(SHARED, "tools", "seedparse.py"), path],
                                       check=True, capture_output=True, text=True).stdout)
    return (blocks, [b["text"] for b in blocks if b["type"] == "heading"], [b["text"] for b in blocks if b["type"] == "para"],
            [r for b in blocks if b["type"] == "table" for r in b["rows"]])

THAI = "๐๑๒๓๔๕๖๗๘๙"
def thai_num(n): return "".join(THAI[int(c)] for c in str(n))

def split_items(text):
    """Split a run-together numbered list ('๑. … ๒. …' or '๑) … ๒) …') at its sequential numbers."""
    parts, n, last, search = [], 2, 0, 0
    while True:
        m = re.compile(rf"\s{thai_num(n)}\s?[.)]").search(text, search)
        if not m: break
        parts.append(text[last:m.start()].strip())
        last, search, n = m.start() + 1, m.end(), n + 1
    parts.append(text[last:].strip())
    return parts

def items(cell):
    out = []
    for p in cell:
        p = p.strip()
        if re.match(rf"^[{THAI}]\s?[.)]", p): out += split_items(p)
        elif p.startswith("-") and re.search(r"\s-", p): out += ["- " + x.strip(" -") for x in re.split(r"\s(?=-)", p)]
        else: out.append(p)
    return [x for x in out if x]

def value(paragraphs):
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs: return None
    return paragraphs[0] if len(paragraphs) == 1 else paragraphs

def dump(doc, path, header):
    class D(yaml.SafeDumper): pass
    text = yaml.dump(doc, Dumper=D, allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False, indent=2)
    open(path, "w").write(header + text)

def clean(d):
    if isinstance(d, dict): return {k: clean(v) for k, v in d.items() if v is not None}
    if isinstance(d, list): return [clean(v) for v in d]
    return d

out = (sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))) + "/"

# ---------------------------------------------------------------- seed 000 (by-issue)
s, _, _, _ = seed("000")
groups, intro = [], None
for b in s:
    if b["type"] in ("heading", "para") and b["text"].startswith("ประเด็นที่"):
        groups.append({"title": b["text"], "measures": []})
    elif b["type"] == "para" and groups == [] and len(b["text"]) > 20:
        intro = b["text"]
    elif b["type"] == "table":
        for r in b["rows"]:
            number, measure, period, resp, result, outcome = r
            measure = [m.lstrip(". ").strip() for m in measure]
            extra = {}
            if measure[0].endswith("(ต่อ)"):   # the original's own continuation row keeps its number
                extra = {"number": number[0]}
            groups[-1]["measures"].append({**extra, "measure": value(measure), "period": value(period), "responsible": value(resp),
                                           "result": value(items(result)), "outcome": value(items(outcome))})
doc = {"template": "ita-measures", "variant": "by-issue",
       "organization": "องค์การบริหารส่วนตำบลคลองประสัก", "district": "อำเภอเมือง", "province": "จังหวัดกระบี่",
       "fiscal-year": 2567,
       "title": ["รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ ๒๕๖๗",
                 "องค์การบริหารส่วนตำบลคลองประสัก อำเภอเมือง จังหวัดกระบี่"],
       "intro": intro, "groups": groups}
dump(clean(doc), out + "000-klong-prasak.yaml",
     "# Seed 000: รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ ๒๕๖๗,\n"
     "# องค์การบริหารส่วนตำบลคลองประสัก. Data only: the layout comes from Templates/ita-measures.\n"
     "# Render: thaireport render 000-klong-prasak.yaml\n")

# ---------------------------------------------------------------- seed 001 (by-measure)
s, _, paras, rows = seed("001")
measures = []
keys = ["measure", "method", "responsible", "period", "result", "outcome"]
for r in rows:
    if not any(r[:4]):   # continuation of the row above, split by the original's page break
        prev = measures[-1]
        for k, cell in zip(keys[4:], r[4:]):
            if not cell: continue
            old = prev[k] if isinstance(prev[k], list) else [prev[k]]
            new = items(cell)
            if not re.match(rf"^[{THAI}]", new[0]):   # a sentence cut at the page end: join it
                old[-1] = old[-1] + new[0]; new = new[1:]
            prev[k] = value(old + new)
        continue
    m = {k: value(items(c)) for k, c in zip(keys, r)}
    m["measure"] = value(r[0])
    measures.append(m)
fix = lambda t: t.replace("ใ้ ใจกับการให้บริการ", "ใส่ใจกับการให้บริการ")
def fixall(v):
    if isinstance(v, list): return [fixall(x) for x in v]
    if isinstance(v, dict): return {k: fixall(x) for k, x in v.items()}
    return fix(v) if isinstance(v, str) else v
doc = {"template": "ita-measures", "variant": "by-measure",
       "organization": "องค์การบริหารส่วนตำบลโคกตูม", "district": "อำเภอประโคนชัย", "province": "จังหวัดบุรีรัมย์",
       "fiscal-year": 2568,
       "title": [paras[0], paras[1], paras[2]],
       "intro": paras[4], "groups": [{"measures": fixall(measures)}]}
dump(clean(doc), out + "001-khok-tum.yaml",
     "# Seed 001: รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘,\n"
     "# องค์การบริหารส่วนตำบลโคกตูม. Data only: the layout comes from Templates/ita-measures.\n"
     "# Render: thaireport render 001-khok-tum.yaml\n")

# ---------------------------------------------------------------- seed 004 (with-suggestions)
s, heads, paras, rows = seed("004")
keys = ["measure", "method", "responsible", "period", "result", "suggestion"]
measures = []
for r in rows:
    m = {k: value(items(c)) for k, c in zip(keys, r)}
    m["measure"] = value(r[0])
    measures.append(m)
doc = {"template": "ita-measures", "variant": "with-suggestions",
       "organization": "องค์การบริหารส่วนตำบลคลองไทร", 
       "fiscal-year": 2566,
       "title": heads[0],
       "groups": [{"title": heads[1], "intro": paras[0], "measures": measures}]}
dump(clean(doc), out + "004-klong-sai.yaml",
     "# Seed 004: รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ไตรมาสที่ ๑-๒)\n"
     "# ขององค์การบริหารส่วนตำบลคลองไทร ประจำปีงบประมาณ พ.ศ. ๒๕๖๖. Data only: the layout comes from Templates/ita-measures.\n"
     "# Render: thaireport render 004-klong-sai.yaml\n")
