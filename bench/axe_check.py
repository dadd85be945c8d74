"""axe-core in Chromium against a running site: no serious or critical violation on the home page
and the poll, at phone and desktop width.

    make tools   # npm installs the pinned axe-core into tools/node_modules
    python bench/axe_check.py http://127.0.0.1:8000/ http://127.0.0.1:8000/khao-sat/<slug>/

Exits 1 and lists the violations when any serious or critical one is found.
"""

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

AXE = Path(__file__).resolve().parent.parent / "tools" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (360, 1280)
BLOCKING = {"serious", "critical"}


def check(urls):
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-background-networking"]
        )
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
            page = context.new_page()
            for url in urls:
                page.goto(url)
                # Injected by Playwright, not by the page: the site's CSP allows no outside script.
                page.evaluate(AXE.read_text())
                result = page.evaluate(
                    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                )
                bad = [v for v in result["violations"] if v["impact"] in BLOCKING]
                print(f"{width}px {url}: {len(result['violations'])} violations, {len(bad)} serious/critical")
                for violation in result["violations"]:
                    print(
                        f"  [{violation['impact']}] {violation['id']}: {len(violation['nodes'])} × {violation['help']}"
                    )
                failures += [(width, url, v["id"], [n["target"] for n in v["nodes"]][:5]) for v in bad]
            context.close()
        browser.close()
    if failures:
        print(json.dumps(failures, ensure_ascii=False, indent=1))
    return not failures


if __name__ == "__main__":
    sys.exit(0 if check(sys.argv[1:]) else 1)
