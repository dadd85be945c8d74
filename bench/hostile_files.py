"""Hostile files against the paths they would reach: wall time and peak memory of each refusal.

Every file is checked in a fresh subprocess (so `ru_maxrss` is that file's peak alone),
calling the code the server runs for that upload or import, before any database write:

    TESTING=1 .venv/bin/python bench/hostile_files.py            # this tree
    TESTING=1 .venv/bin/python bench/hostile_files.py --root ../main --only ten-million-rows

Targets (issue 11's "Prove it"): each refusal under 5 s, the process under 300 MB.
The two "control" rows are legitimate files (accepted) for comparison.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# case → (builder in tests.hostile.files, paths it is fed to)
IMAGE_PATHS = ["photo", "cover", "portrait", "receipt"]
CASES = {
    "truncated-jpeg": ("truncated_jpeg", IMAGE_PATHS),
    "gif-with-script-tail": ("gif_with_script_tail", IMAGE_PATHS),
    "png-decompression-bomb": ("png_bomb", IMAGE_PATHS),
    "huge-dimension-jpeg": ("huge_dimension_jpeg", IMAGE_PATHS),
    "svg": ("svg", IMAGE_PATHS),
    "pdf-with-javascript": ("pdf_with_javascript", ["document"]),
    "pdf-hidden-javascript": ("pdf_with_hidden_javascript", ["document"]),
    "docx-zip-bomb": ("docx_zip_bomb", ["document"]),
    "ten-million-rows": ("ten_million_row_xlsx", ["import"]),
    "declared-ten-million-rows": ("declared_ten_million_rows_xlsx", ["import"]),
    "row-ten-million-gap": ("far_row_xlsx", ["import"]),
    "empty-rows-under-zip-limit": ("empty_rows_under_zip_limit_xlsx", ["import"]),
    "control-12mp-photo": ("control_photo", ["photo"]),
    "control-5000-row-xlsx": ("control_xlsx", ["import"]),
}


def control_photo():
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((1000, 750), 40).convert("RGB").resize((4000, 3000)).save(buffer, "JPEG", quality=88)
    return "IMG_0001.jpg", buffer.getvalue()


def control_xlsx():
    from openpyxl import Workbook

    from tests.hostile.files import IMPORT_HEADERS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(IMPORT_HEADERS)
    for n in range(5000):
        sheet.append(
            [
                "Quỹ “Vì người nghèo”",
                "Thôn Đông",
                "07/01/2025",
                100_000 + n,
                None,
                "Cá nhân",
                f"Người {n}",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return "ket-qua-5000.xlsx", buffer.getvalue()


def build(builder):
    if builder.startswith("control_"):
        return globals()[builder]()
    from tests.hostile import files

    return getattr(files, builder)()


def child(path_kind, file_path, root):
    """Runs in the subprocess: set Django up, feed the file, print one JSON line."""
    sys.path.insert(0, root)
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mttq_portal.settings")
    os.environ.setdefault("TESTING", "1")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = Path(file_path).read_bytes()
    upload = SimpleUploadedFile(Path(file_path).name, data)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    outcome = "accepted"
    try:
        if path_kind in ("photo", "cover"):
            try:
                from news.images import prepare_image
            except ImportError:  # older trees: check, then decode for the stored original
                from lib.uploads import validate_image_upload
                from news.images import make_renditions, store_normalized

                def prepare_image(upload):
                    validate_image_upload(upload)
                    make_renditions(store_normalized(upload)[1])

            prepare_image(upload)
        elif path_kind == "portrait":
            from lib.images import normalized_photo

            normalized_photo(upload)
        elif path_kind == "receipt":
            from lib.uploads import validate_image_upload

            validate_image_upload(upload)
        elif path_kind == "document":
            from congresses.models import validate_conference_document

            validate_conference_document(upload)
        elif path_kind == "import":
            from campaigns import imports

            try:
                imports.read_rows(upload)
            except imports.ImportRefused as error:
                raise ValidationError(str(error)) from error
    except ValidationError as error:
        outcome = "refused: " + " ".join(error.messages)
    except Exception as error:  # a crash is what the server would turn into a 500
        outcome = f"CRASH {type(error).__name__}: {error}"
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"seconds": elapsed, "cpu": cpu, "peak_kb": peak, "baseline_kb": baseline, "outcome": outcome}
        )
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=str(HERE), help="the project tree whose code is measured")
    parser.add_argument("--only", action="append", help="case names to run (default: all)")
    parser.add_argument("--child", nargs=2, metavar=("PATH_KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = str(Path(args.root).resolve())
    if args.child:
        child(*args.child, root)
        return
    sys.path.insert(0, str(HERE))
    rows, failures = [], 0
    with tempfile.TemporaryDirectory() as folder:
        for case, (builder, paths) in CASES.items():
            if args.only and case not in args.only:
                continue
            name, data = build(builder)
            file_path = Path(folder) / name
            file_path.write_bytes(data)
            for path_kind in paths:
                command = [sys.executable, __file__, "--root", root, "--child", path_kind, str(file_path)]
                wall = time.perf_counter()
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=600, env={**os.environ, "TESTING": "1"}
                )
                wall = time.perf_counter() - wall
                try:
                    result = json.loads(done.stdout.strip().splitlines()[-1])
                except (IndexError, json.JSONDecodeError):
                    result = {
                        "seconds": wall,
                        "cpu": 0,
                        "peak_kb": 0,
                        "baseline_kb": 0,
                        "outcome": "CRASH " + done.stderr[-300:],
                    }
                control = case.startswith("control")
                # A refusal must be fast and small; a control (accepted) only small: its time is real work.
                ok = result["peak_kb"] < 300 * 1024
                if control:
                    ok = ok and result["outcome"] == "accepted"
                else:
                    ok = ok and result["seconds"] < 5 and result["outcome"].startswith("refused")
                failures += not ok
                rows.append((case, path_kind, len(data), result, ok))
    print(f"code measured: {root}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| file | path | size | wall time | CPU time | peak RSS (after Django setup) | result |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for case, path_kind, size, result, ok in rows:
        print(
            f"| {case} | {path_kind} | {size / 1024:,.0f} KB | {result['seconds'] * 1000:,.0f} ms | "
            f"{result['cpu'] * 1000:,.0f} ms | "
            f"{result['peak_kb'] / 1024:,.0f} MB ({result['baseline_kb'] / 1024:,.0f}) | "
            f"{'' if ok else '**OVER** '}{result['outcome'][:90]} |"
        )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
