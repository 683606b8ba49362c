#!/usr/bin/env python3
# A copy of ../shared/tools/legibility.py (the measure issue 19 names), kept here so that
# the test suite and `make legibility` run on a clean clone.
"""Is a figure's text legible on a slide, and does any text collide?
Reads PDFs (cairo keeps text as text there) through `pdftotext -bbox`: each word's box.
For each PDF: font sizes in points per 960 pt of width (a figure shown full-width on a 16:9
slide is 960 pt wide); words of two or more characters below the floor (sub- and
superscripts, which follow a taller word, below 70 % of it); and pairs of words from
different lines whose boxes overlap. Usage: legibility.py [--floor PT] FILE.pdf..."""
import sys, subprocess, re, html
ASC_DESC = 1.164          # DejaVu's ascent + descent per em: box height / font size
def pages(pdf):
    """Each page of the PDF as (width, height, words), a word being (x0, y0, x1, y1, text)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    result = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        W, H = float(page.group(1)), float(page.group(2)); ws = []
        for m in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', page.group(3)):
            x0, y0, x1, y1 = map(float, m.groups()[:4]); ws.append((x0, y0, x1, y1, html.unescape(m.group(5))))
        result.append((W, H, ws))
    return result
def words(pdf):
    return pages(pdf)[0]
def core(w):
    # a word's box holds ascent and descent; its ink core is the middle half in height, so a
    # superscript stacked over a subscript (w^(l)_ij) does not count, but piled labels do
    x0, y0, x1, y1, t = w; h = y1 - y0; dx = 0.05 * (x1 - x0)
    return (x0 + dx, y0 + 0.25 * h, x1 - dx, y1 - 0.25 * h, t)
def report_page(W, H, ws, floor):
    k = 960.0 / W                                   # points on a full-width 16:9 slide
    sizes = [((y1 - y0) / ASC_DESC * k, t) for x0, y0, x1, y1, t in ws]
    def script(i):
        # a sub- or superscript sits right after a taller word on its line (a^(l), w_ij)
        x0, y0, x1, y1, _ = ws[i]; h = y1 - y0
        return any(abs(b[2] - x0) < 0.25 * h and b[3] - b[1] > 1.2 * h and min(b[3], y1) > max(b[1], y0)
                   for j, b in enumerate(ws) if j != i)
    small = [t for i, (s, t) in enumerate(sizes)
             if len(t) >= 2 and s < (0.7 * floor if script(i) else floor)]
    lap = 0; pairs = []
    for i in range(len(ws)):
        a = core(ws[i])
        for j in range(i + 1, len(ws)):
            b = core(ws[j])
            ix = min(a[2], b[2]) - max(a[0], b[0]); iy = min(a[3], b[3]) - max(a[1], b[1])
            if ix <= 0 or iy <= 0: continue
            # same line neighbours touch at most a sliver; a real collision covers a good share
            sa = (a[2] - a[0]) * (a[3] - a[1]); sb = (b[2] - b[0]) * (b[3] - b[1])
            if ix * iy > 0.15 * min(sa, sb): lap += 1; pairs.append(f"{a[4]}/{b[4]}")
    off = [t for x0, y0, x1, y1, t in ws if x0 < -0.5 or y0 < -0.5 or x1 > W + 0.5 or y1 > H + 0.5]
    sz = sorted(s for s, _ in sizes) or [0]
    return dict(words=len(ws), min=sz[0], p10=sz[len(sz) // 10], small=small, overlaps=lap, pairs=pairs[:6], off=off)
def report(pdf, floor):
    """The page-by-page reports of a PDF merged: the smallest sizes, every small word and overlap."""
    rs = [report_page(W, H, ws, floor) for W, H, ws in pages(pdf)]
    if not rs: return dict(words=0, min=0, p10=0, small=["(no text)"], overlaps=0, pairs=[], off=[])
    return dict(words=sum(r["words"] for r in rs), min=min(r["min"] for r in rs), p10=min(r["p10"] for r in rs),
                small=[t for r in rs for t in r["small"]], overlaps=sum(r["overlaps"] for r in rs),
                pairs=[p for r in rs for p in r["pairs"]][:6], off=[t for r in rs for t in r["off"]])
if __name__ == "__main__":
    args = sys.argv[1:]; floor = 14.0
    if args[:1] == ["--floor"]: floor = float(args[1]); args = args[2:]
    bad = 0
    for f in args:
        r = report(f, floor)
        ok = not r["small"] and r["overlaps"] == 0 and not r["off"]
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {f.split('/')[-1]}: {r['words']} words, smallest {r['min']:.1f} pt, p10 {r['p10']:.1f} pt, "
              f"{len(r['small'])} words under {floor:g} pt (scripts {0.7 * floor:g}), {r['overlaps']} overlaps {r['pairs']}, {len(r['off'])} off the page")
    print(f"legibility: {len(args) - bad}/{len(args)} figures pass (floor {floor:g} pt on a 960-pt-wide slide, no overlaps, nothing off the page)")
    sys.exit(1 if bad else 0)
