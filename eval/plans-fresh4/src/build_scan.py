"""Regenerate eval/plans-fresh4/nghia-hung-tay-kh21-2026.pdf: an image-only (scanned) 2-page PDF.

Run from the repository root. Text is drawn at ~200 dpi, each page slightly rotated with speckle
noise, then saved as a PDF with no text layer (the engine has to OCR it).
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SRC = Path("eval/plans-fresh4/src/nghia-hung-tay-kh21-2026.txt.in")
OUT = Path("eval/plans-fresh4/nghia-hung-tay-kh21-2026.pdf")
W, H, M = 1654, 2339, 130
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
SIZE, LEAD = 32, 46
random.seed(21)
font = ImageFont.truetype(FONT, SIZE)
bold = ImageFont.truetype(BOLD, SIZE)


def wrap(text, f, width):
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        t = (cur + " " + w) if cur else w
        if f.getlength(t) <= width:
            cur = t
        else:
            lines.append(cur)
            cur = "   " + w
    lines.append(cur)
    return lines


items = []
for raw in SRC.read_text(encoding="utf-8").splitlines():
    mode = ""
    if raw[:2] in ("@C", "@B", "@R"):
        mode, raw = raw[1], raw[3:]
    f = bold if mode in ("B", "R") else font
    if mode == "C":
        items.append((mode, raw, f))
        continue
    for ln in wrap(raw.rstrip(), f, W - 2 * M):
        items.append((mode, ln, f))

pages, page, y = [], None, None
for mode, ln, f in items:
    if page is None or y + LEAD > H - M:
        page = Image.new("L", (W, H), 255)
        pages.append(page)
        y = M
    d = ImageDraw.Draw(page)
    if mode == "B":
        x = (W - f.getlength(ln)) / 2
    elif mode == "R":
        x = W - M - 420 + (420 - f.getlength(ln)) / 2
    else:
        x = M
    d.text((x, y), ln, font=f, fill=random.randint(10, 40))
    y += LEAD

out = []
for p in pages:
    d = ImageDraw.Draw(p)
    for _ in range(1500):
        d.point((random.randrange(W), random.randrange(H)), fill=random.randint(120, 200))
    p = p.filter(ImageFilter.GaussianBlur(0.35))
    p = p.rotate(
        random.choice([-0.7, 0.5, 0.8]), expand=False, fillcolor=250, resample=Image.BICUBIC
    )
    out.append(p.convert("RGB"))
out[0].save(OUT, save_all=True, append_images=out[1:], resolution=200, quality=92)
print(OUT, len(out), "pages")
