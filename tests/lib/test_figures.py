"""Hedged figures: read as typed, written back with their word, summed honestly."""

import pytest
from django.core.exceptions import ValidationError

from lib.figures import Figure, FigureField, Qualifier, parse_figure, total


@pytest.mark.parametrize(
    ("typed", "value", "qualifier", "written"),
    [
        ("300", 300, Qualifier.EXACT, "300"),
        ("2.288", 2288, Qualifier.EXACT, "2.288"),
        ("trên 300", 300, Qualifier.OVER, "trên 300"),
        ("Trên  20.000", 20000, Qualifier.OVER, "trên 20.000"),
        ("hơn 250", 250, Qualifier.MORE_THAN, "hơn 250"),
        ("hon 250", 250, Qualifier.MORE_THAN, "hơn 250"),
        ("gần 40", 40, Qualifier.NEARLY, "gần 40"),
        ("khoảng 150", 150, Qualifier.ABOUT, "khoảng 150"),
        ("chừng 150", 150, Qualifier.ABOUT, "khoảng 150"),
    ],
)
def test_a_figure_is_read_as_typed_and_written_back_with_its_word(typed, value, qualifier, written):
    figure = parse_figure(typed)
    assert (figure.value, figure.qualifier) == (value, qualifier)
    assert str(figure) == written


@pytest.mark.parametrize(
    "typed", ["", "trên", "trên -5", "1,5", "ba trăm", "trên 300 người", "x" * 100, "99.999.999"]
)
def test_a_figure_that_is_not_one_is_refused_in_vietnamese(typed):
    with pytest.raises(ValidationError) as error:
        parse_figure(typed)
    assert "Số" in " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("parts", "written"),
    [
        ([Figure(300), Figure(120)], "420"),
        ([Figure(300, Qualifier.OVER), Figure(120)], "trên 420"),
        ([Figure(120), Figure(300, Qualifier.MORE_THAN)], "hơn 420"),
        ([Figure(40, Qualifier.NEARLY), Figure(10)], "gần 50"),
        ([Figure(300, Qualifier.OVER), Figure(40, Qualifier.NEARLY)], "khoảng 340"),
        ([Figure(100, Qualifier.ABOUT), Figure(5)], "khoảng 105"),
        ([None, Figure(7), None], "7"),
    ],
)
def test_figures_are_summed_honestly(parts, written):
    assert str(total(parts)) == written


def test_nothing_sums_to_nothing():
    assert total([None, None]) is None


def test_a_figure_carries_its_unit():
    assert Figure(300, Qualifier.OVER).with_unit("lượt người") == "trên 300 lượt người"


def test_the_form_field_cleans_text_to_a_figure_and_shows_it_back():
    field = FigureField(required=False)
    assert field.clean("trên 300") == Figure(300, Qualifier.OVER)
    assert field.clean("") is None
    assert field.widget.format_value(Figure(2288, Qualifier.OVER)) == "trên 2.288"
