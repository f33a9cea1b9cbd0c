"""Draw front/static/img/favicon.ico from favicon.svg: Chromium renders the drawing at 16, 32
and 48 px (each size from the vector, not one picture shrunk), Pillow packs them into one ICO.

    .venv/bin/python scripts/favicon.py
"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

FOLDER = Path(__file__).resolve().parent.parent / "front" / "static" / "img"
SIZES = (16, 32, 48)


def main():
    svg = (FOLDER / "favicon.svg").read_text()
    images = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            drawing = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            page.set_content(f'<body style="margin:0">{drawing}</body>')
            png = page.screenshot(omit_background=True)
            images.append(Image.open(io.BytesIO(png)).convert("RGBA"))
        browser.close()
    largest = images[-1]
    largest.save(
        FOLDER / "favicon.ico",
        format="ICO",
        sizes=[(size, size) for size in SIZES],
        append_images=images[:-1],
    )


if __name__ == "__main__":
    main()
