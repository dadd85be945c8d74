"""axe-core in Chromium: no serious or critical violation at phone and desktop width on the home
page, a document, the work calendar, a post's gallery with the viewer open, and the poll.

    make tools   # npm installs the pinned axe-core into tools/node_modules
    python bench/axe_check.py --demo [--database-url sqlite:////tmp/x.sqlite3]   # serves a demo of its own
    python bench/axe_check.py http://127.0.0.1:8000/ http://127.0.0.1:8000/khao-sat/<slug>/

With --demo the pages are found in the demo (tools/demo_site.py builds and serves it; .ci/run
does this). A URL ending in `#viewer` is checked with the gallery viewer open (its first photo
clicked). Exits 1 and lists the violations when any serious or critical one is found.
"""

import argparse
import json
import re
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (360, 1280)
BLOCKING = {"serious", "critical"}
VIEWER = "#viewer"


def _get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def demo_pages(base):
    """The five page shapes of the demo at `base`: found from its sitemap, not hard-coded slugs."""
    locations = re.findall(r"<loc>([^<]+)</loc>", _get(base + "/sitemap.xml"))
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in locations]
    document = next(p for p in paths if re.fullmatch(r"/van-ban/[^/]+/", p))
    poll = next(p for p in paths if re.fullmatch(r"/khao-sat/[^/]+/", p))
    gallery = next(p for p in paths if re.fullmatch(r"/tin/[^/]+/", p) and "data-gallery" in _get(base + p))
    return [base + p for p in ("/", document, "/lich-cong-tac/", gallery + VIEWER, poll)]


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
                page.goto(url.removesuffix(VIEWER))
                if url.endswith(VIEWER):
                    page.locator("[data-gallery] a").first.click()
                    page.locator("dialog.viewer").wait_for(state="visible")
                    page.locator("dialog.viewer img").evaluate("img => img.decode()")
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*")
    parser.add_argument(
        "--demo", action="store_true", help="build (or reuse) and serve a demo, find its pages"
    )
    parser.add_argument(
        "--database-url", default="", help="with --demo: the demo's database (built unless it exists)"
    )
    args = parser.parse_args()
    if not AXE.exists():
        sys.exit(f"axe_check: {AXE} is missing: run `make tools`")
    if not args.demo:
        return 0 if check(args.urls) else 1
    sys.path.insert(0, str(ROOT))
    from tools.demo_site import demo_env, serve

    with serve(demo_env(args.database_url)) as base:
        return 0 if check(demo_pages(base) + args.urls) else 1


if __name__ == "__main__":
    sys.exit(main())
