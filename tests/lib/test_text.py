"""The one text normaliser: what goes, what becomes a newline or a space, NFC, length."""

import unicodedata

import pytest
from django.apps import apps
from django.db import models
from django.db.models.signals import pre_save

from lib.text import clean_text, is_clean

NFD = unicodedata.normalize("NFD", "Nguyễn Thị Hoà, thôn Đông")
NFC = unicodedata.normalize("NFC", NFD)


@pytest.mark.parametrize(
    ("typed", "one_line", "multi_line"),
    [
        ("Hội nghị thôn Đông", "Hội nghị thôn Đông", "Hội nghị thôn Đông"),
        ("dong\x00", "dong", "dong"),
        ("a\x01b\x08c\x1bd\x7fe\x9bf", "abcdef", "abcdef"),
        ("Dòng một\x0bdòng hai", "Dòng một dòng hai", "Dòng một\ndòng hai"),
        ("trang\x0cmới", "trang mới", "trang\nmới"),
        ("a\u2028b\u2029c\x85d", "a b c d", "a\nb\nc\nd"),
        ("a\r\nb\rc\nd", "a b c d", "a\nb\nc\nd"),
        ("cột\tcột", "cột cột", "cột\tcột"),
        ("Thông báo \u202egnàuq\u202c mới", "Thông báo gnàuq mới", "Thông báo gnàuq mới"),
        ("\u2066\u2067\u2068\u2069\u200e\u200f\u061cx", "x", "x"),
        ("\ufeffđầu\u200bcuối\u2060", "đầucuối", "đầucuối"),
        ("lẻ\ud800\udfff\ufffe\uffff", "lẻ", "lẻ"),
        (NFD, NFC, NFC),
        ("=1+1", "=1+1", "=1+1"),
        ("😀 👨‍👩‍👧", "😀 👨‍👩‍👧", "😀 👨‍👩‍👧"),
    ],
    ids=[
        "vietnamese-untouched",
        "nul",
        "c0-c1-del",
        "word-vertical-tab",
        "form-feed",
        "unicode-line-breaks",
        "cr-lf",
        "tab",
        "rlo-override",
        "bidi-isolates-and-marks",
        "bom-zero-width",
        "surrogates-nonchars",
        "nfd-to-nfc",
        "formula-is-text",
        "emoji-with-joiners",
    ],
)
def test_clean_text(typed, one_line, multi_line):
    assert clean_text(typed) == one_line
    assert clean_text(typed, multiline=True) == multi_line
    assert is_clean(one_line) and is_clean(multi_line, multiline=True)


def test_clean_text_cuts_to_the_length_after_cleaning():
    assert clean_text("\x00" * 5 + "abcdef", max_length=3) == "abc"
    assert clean_text(NFD, max_length=200) == NFC


@pytest.mark.parametrize("value", [None, 12, 1.5, b"\x00", ["\x00"]])
def test_what_is_not_text_is_left_alone(value):
    assert clean_text(value) is value


def _project_models():
    from lib.apps import _project_app_labels

    return [model for model in apps.get_models() if model._meta.app_label in _project_app_labels()]


def test_every_project_app_is_covered():
    from lib.apps import _project_app_labels

    assert {"mttq_portal", "congresses", "news", "campaigns"} <= _project_app_labels()
    assert "auth" not in _project_app_labels() and "axes" not in _project_app_labels()


@pytest.mark.parametrize("model", _project_models(), ids=lambda model: model._meta.label)
def test_every_text_column_of_every_model_is_cleaned_before_save(model):
    """The signal a save sends reaches every model of the project, history tables included."""
    instance = model()
    text_fields = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]
    for field in text_fields:
        setattr(instance, field.attname, "A\x00\x0bB\u202e" + NFD + "x" * 2_000)
    pre_save.send(sender=model, instance=instance, raw=False, using="default", update_fields=None)
    for field in text_fields:
        value = getattr(instance, field.attname)
        multiline = isinstance(field, models.TextField)
        assert value.startswith("A\nB" if multiline else "A B"), field.name
        assert is_clean(value, multiline=multiline), field.name
        if isinstance(field, models.CharField):
            assert len(value) <= field.max_length, field.name
