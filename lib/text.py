"""One normaliser for every piece of text that comes in or goes out: forms, imports, storage, feeds.

What it does, and why:
- NUL and the other C0/C1 control characters go: PostgreSQL refuses NUL in text, and XML
  (the RSS feed, XLSX cells) refuses every control character but tab and line breaks.
- The line breaks other programs paste (Word's vertical tab `\\x0b`, form feed, U+2028 …)
  become a newline in multi-line text and a space in one-line text; CR LF becomes LF.
- Bidi embedding, override and isolate marks (RLO …) go: they make text read differently on
  screen than it is stored (`gnàuq` shown as `quàng`), and Vietnamese never needs them.
- Zero-width spaces and byte-order marks go: they only make equal names differ.
- Unicode is composed (NFC): some keyboards and every Mac send Vietnamese decomposed (NFD),
  `ệ` as `e` + two marks, and search, sorting and uniqueness then miss it.
"""

import re
import unicodedata

# Everything here is refused by PostgreSQL (NUL) or by XML 1.0 (C0 but tab, LF, CR; the
# surrogates and U+FFFE/U+FFFF), or is an invisible mark with no use in Vietnamese text.
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_DROPPED = re.compile(
    "["
    "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"  # control characters (C0, DEL, C1)
    "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, byte-order mark
    "\ud800-\udfff\ufffe\uffff"  # lone surrogates, non-characters
    "]"
)
_TO_NEWLINE = re.compile(f"\r\n?|[{_LINE_BREAKS}]")
_TO_SPACE = re.compile(f"\r\n|[\t\n\r{_LINE_BREAKS}]")


def clean_text(value, *, multiline=False, max_length=None):
    """`value` fit to store, search, serialise and show; anything but a str is returned as is.

    One-line text (a title, a name) keeps no line break or tab; multi-line text (a lead, a
    note, an HTML body) keeps newlines and tabs. `max_length` cuts what is still too long: the
    last defence for writes that skipped validation (forms refuse over-long text first).
    """
    if not isinstance(value, str):
        return value
    if value.isascii() and value.isprintable() and max_length is None:
        return value  # the common case, without a regular expression
    text = _DROPPED.sub("", value)
    text = _TO_NEWLINE.sub("\n", text) if multiline else _TO_SPACE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if max_length is not None and len(text) > max_length:
        text = text[:max_length]
    return text


def clean_line(value, max_length=None):
    """`clean_text` for one-line text: feed titles, spreadsheet names, search terms."""
    return clean_text(value, multiline=False, max_length=max_length)


def is_clean(value, *, multiline=False):
    """True when `clean_text` would leave `value` unchanged (for tests and checks)."""
    return clean_text(value, multiline=multiline) == value


def clean_model_text(instance):
    """Clean every text column of a model instance in place (one-line for CharField, multi-line
    for TextField), cut to the column's length. Called before every save of the project's
    models (`pre_save`, connected in lib/apps.py)."""
    from django.db import models

    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            multiline = isinstance(field, models.TextField)
            limit = field.max_length if isinstance(field, models.CharField) else None
            cleaned = clean_text(value, multiline=multiline, max_length=limit)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)
