"""Every template of the project keeps to the Content-Security-Policy: no inline style
attributes, no inline event handlers, no inline script without the request's nonce.
A template that breaks these would be blocked in the browser; this says which one, early."""

import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path
    for pattern in ("templates/**/*.html", "*/templates/**/*.html")
    for path in BASE_DIR.glob(pattern)
    if ".venv" not in path.parts and "staticfiles" not in path.parts
)

STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.S)
COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|<!--.*?-->", re.S)


def _source(path):
    return COMMENT.sub("", path.read_text(encoding="utf-8"))


def test_the_project_has_templates_to_check():
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_a_template_has_no_inline_style_handler_or_script_without_nonce(path):
    source = _source(path)
    assert not STYLE_ATTRIBUTE.search(source), 'style="" attribute: use a CSS class'
    assert not EVENT_HANDLER.search(source), "onclick=… handler: bind it in a static JS file"
    for attributes in SCRIPT_TAG.findall(source):
        if "src=" not in attributes:
            assert "nonce=" in attributes, 'inline <script> needs nonce="{{ CSP_NONCE }}"'
