"""Lighthouse (mobile, its default throttling) on the demo's home page, a document, the work
calendar, a post with a gallery and the poll: every category at 95 or more, or exit 1.

    make lighthouse   # npm installs the pinned Lighthouse into tools/lighthouse/node_modules
    python bench/lighthouse_check.py [--database-url sqlite:////tmp/x.sqlite3] [--runs 1]
    python bench/lighthouse_check.py --base http://127.0.0.1:8000   # a demo served already

The demo is built (or reused) and served by tools/demo_site.py; Chromium is Debian's
/usr/bin/chromium, headless. Lighthouse cannot click, so the gallery post is measured with the
viewer closed; bench/axe_check.py checks it open. Scores are printed as a Markdown table for
bench/RESULTS.md; with --runs N each page is measured N times and the median kept.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLD = 95


def run(url, folder, attempts=3):
    """Scores, failing binary audits and two metrics of one Lighthouse run (retried: headless
    Chromium on a busy machine sometimes loses the trace, NO_NAVSTART)."""
    for attempt in range(attempts):
        try:
            return _run(url, folder)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise


def _run(url, folder):
    report = Path(folder) / "report.json"
    subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True, timeout=300,
    )  # fmt: skip
    data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") == "binary"
    ]
    metrics = {
        key: data["audits"][key]["displayValue"]
        for key in ("largest-contentful-paint", "total-blocking-time")
    }
    return scores, failing, metrics


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="", help="the demo's database (built unless the SQLite file exists)"
    )
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--base", default="", help="a demo already served there (http://127.0.0.1:8000)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"lighthouse_check: {LIGHTHOUSE} is missing: run `make lighthouse`")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from axe_check import VIEWER, demo_pages

    from tools.demo_site import demo_env, serve

    rows, ok = [], True
    server = (
        contextlib.nullcontext(args.base.rstrip("/")) if args.base else serve(demo_env(args.database_url))
    )
    with server as base, tempfile.TemporaryDirectory() as folder:
        for url in demo_pages(base):
            url = url.removesuffix(VIEWER)
            runs = [run(url, folder) for _ in range(args.runs)]
            scores = {name: statistics.median(r[0][name] for r in runs) for name in CATEGORIES}
            ok &= all(score >= THRESHOLD for score in scores.values())
            path = url.removeprefix(base)
            # Each run's performance beside the median: the target is every run, not the median.
            each = "/".join(f"{r[0]['performance']:.0f}" for r in runs)
            rows.append(
                f"| {path} | "
                + " | ".join(f"{scores[n]:.0f}" for n in CATEGORIES)
                + f" | {runs[-1][2]['largest-contentful-paint']} | {each} |"
            )
            print(rows[-1], flush=True)
            if runs[-1][1]:
                print(f"    failing audits: {', '.join(runs[-1][1])}", flush=True)
    print(
        "\n| page | "
        + " | ".join(CATEGORIES)
        + " | LCP | each run's performance |\n|---|"
        + "---|" * (len(CATEGORIES) + 2)
    )
    print("\n".join(rows))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
