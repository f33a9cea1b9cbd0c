"""Time a film's admin page in Chromium (issue 14, "big records fast"): opening it (the
navigation until the page's load event) and saving it ("Save and continue editing" until the
page it leads to has loaded), with the page's height and its form controls. It starts
nothing: serve the site first (`make run`, or gunicorn with DEBUG off), then

    .venv/bin/python benchmarks/admin_page.py http://127.0.0.1:8000 editor PASSWORD 40
    .venv/bin/python benchmarks/admin_page.py http://127.0.0.1:8000 curator PASSWORD 40 \
        --change runtime --runs 5

An Editor's save posts the form unchanged (the film is saved as its next version); with
``--change`` a field is changed first (a Curator's change to a published film is then held
for review). Only this machine's loopback addresses are accepted. Needs Debian's chromium.
Results: docs/benchmarks.md, "Admin: big records".
"""

import argparse
import json
import re
import statistics
import sys
import time

from playwright.sync_api import sync_playwright

LOOPBACK = re.compile(r"^http://(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$")
CONTROLS = "#film_form input, #film_form select, #film_form textarea"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("username")
    parser.add_argument("password")
    parser.add_argument("film_id", type=int)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--change", help="a field to change before each save (runtime, …)")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    if not LOOPBACK.match(base):
        sys.exit("admin_page.py: only a server on this machine's loopback is a target")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(300_000)
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", args.username)
        page.fill("#id_password", args.password)
        with page.expect_navigation():
            page.click("input[type=submit]")
        url = f"{base}/admin/catalog/film/{args.film_id}/change/"
        page.goto(url)
        opens, saves, first_bytes = [], [], []
        for run in range(args.runs):
            started = time.perf_counter()
            page.goto(url, wait_until="load")
            opens.append(time.perf_counter() - started)
            timing = json.loads(
                page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
            )
            first_bytes.append((timing["responseStart"] - timing["requestStart"]) / 1000)
            height = page.evaluate("document.documentElement.scrollHeight")
            controls = page.evaluate(f"document.querySelectorAll('{CONTROLS}').length")
            visible = page.evaluate(
                f"[...document.querySelectorAll('{CONTROLS}')]"
                ".filter(e => e.type !== 'hidden' && e.offsetParent !== null).length"
            )
            if args.change == "runtime":
                page.fill("#id_runtime", str(90 + run))
            elif args.change:
                page.fill(f"#id_{args.change}", f"Changed ({run}).")
            started = time.perf_counter()
            with page.expect_navigation(wait_until="load"):
                page.get_by_role("button", name="Save and continue editing").click()
            saves.append(time.perf_counter() - started)
            if page.locator(".errornote").count():
                sys.exit("admin_page.py: the save was refused: " + page.inner_text(".errornote"))
        browser.close()
    median = statistics.median
    print(
        f"open {median(opens):.2f} s (min {min(opens):.2f}, first byte "
        f"{median(first_bytes):.2f} s); save {median(saves):.2f} s (min {min(saves):.2f}); "
        f"{height} px; {controls} form controls, {visible} visible"
    )


if __name__ == "__main__":
    main()
