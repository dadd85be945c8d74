"""The money and count parser and their form fields: what officers type, read exactly or refused."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lib import bounds
from lib.money import UNITS, CountField, MoneyField, grouped, parse_count, parse_money

INVALID = "Số tiền chưa đúng. Viết như 750.000 hoặc 1,5 triệu."
NEGATIVE = "Số tiền không được âm. Viết như 750.000 hoặc 1,5 triệu."
FRACTION = "Số tiền phải là một số đồng tròn, không lẻ phần đồng. Viết như 1.234.567 hoặc 1,5 triệu."
TOO_LARGE = "Số tiền tối đa cho một lần nhập là 1.000 tỷ đồng."


@pytest.mark.parametrize(
    ("typed", "dong"),
    [
        ("750.000", 750_000),
        ("750000", 750_000),
        ("750 000", 750_000),
        ("1.500.000", 1_500_000),
        ("1.500.000 đ", 1_500_000),
        ("1.500.000đ", 1_500_000),
        ("1.500.000 đồng", 1_500_000),
        ("1.500.000 VNĐ", 1_500_000),
        ("1.500", 1_500),
        ("1,2 tỷ", 1_200_000_000),
        ("1,2 tỉ", 1_200_000_000),
        ("1,9 tỉ đồng", 1_900_000_000),
        ("80 triệu", 80_000_000),
        ("80triệu", 80_000_000),
        ("2,5 triệu đồng", 2_500_000),
        ("2,5 TRIỆU", 2_500_000),
        ("2,5 trieu", 2_500_000),
        ("500 nghìn", 500_000),
        ("500 ngàn", 500_000),
        ("1.500 triệu", 1_500_000_000),
        ("1 tỷ 200 triệu", 1_200_000_000),
        ("2 triệu 500 nghìn đồng", 2_500_000),
        ("  750.000  ", 750_000),
        ("750\u00a0000\u00a0đ", 750_000),
        ("\u00a01,5\u202ftriệu\u00a0", 1_500_000),
        ("2,5 trie\u0323\u0302u", 2_500_000),  # NFD, as some phone keyboards send it
        ("0", 0),
        ("1.000 tỷ", bounds.MAX_AMOUNT),
        (1_500_000, 1_500_000),
        (1_500_000.0, 1_500_000),
    ],
)
def test_money_is_read_as_the_officer_meant_it(typed, dong):
    assert parse_money(typed) == dong


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.5", INVALID),
        ("1.50", INVALID),
        ("1.5000", INVALID),
        ("1,5", INVALID),
        ("1,500,000", INVALID),
        ("1.5 triệu", INVALID),
        ("1 triệu 5", INVALID),
        ("1 tỷ 2", INVALID),
        ("5 triệu 2 tỷ", INVALID),
        ("1 triệu 1.500 nghìn", INVALID),
        ("1e9", INVALID),
        ("abc", INVALID),
        ("500k", INVALID),
        ("", INVALID),
        ("   ", INVALID),
        ("đ", INVALID),
        ("+500000", INVALID),
        ("1.500.000,50", INVALID),
        ("1 500.000", INVALID),
        ("9" * 100, INVALID),
        ("-500000", NEGATIVE),
        ("- 500.000", NEGATIVE),
        ("−500.000", NEGATIVE),
        (-1, NEGATIVE),
        ("1,2345678 triệu", FRACTION),
        ("1,0000000000000000000000000000000001 tỷ", FRACTION),
        (1.5, FRACTION),
        (float("nan"), FRACTION),
        (float("inf"), FRACTION),
    ],
)
def test_money_that_is_ambiguous_or_not_money_is_refused_with_how_to_write_it(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_money(typed)
    assert refused.value.messages == [message]


@pytest.mark.parametrize(
    ("typed", "count"),
    [("54", 54), ("2.288", 2288), ("1.250", 1250), ("2 288", 2288), ("2288", 2288), (" 7 ", 7), (12, 12)],
)
def test_count_is_read_as_a_whole_number(typed, count):
    assert parse_count(typed) == count


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2,5", "Số lượng phải là số nguyên. Viết như 54 hoặc 2.288."),
        ("1.5", "Số lượng phải là số nguyên. Viết như 54 hoặc 2.288."),
        ("2 nghìn", "Số lượng phải là số nguyên. Viết như 54 hoặc 2.288."),
        ("mười", "Số lượng phải là số nguyên. Viết như 54 hoặc 2.288."),
        (2.5, "Số lượng phải là số nguyên. Viết như 54 hoặc 2.288."),
        ("-3", "Số lượng không được âm. Viết số nguyên như 54 hoặc 2.288."),
    ],
)
def test_count_that_is_not_whole_is_refused(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_count(typed)
    assert refused.value.messages == [message]


@given(
    st.integers(min_value=0, max_value=bounds.MAX_AMOUNT),
    st.sampled_from(["", " đ", "đ", " đồng", "\u00a0đ"]),
)
def test_formatting_then_parsing_gives_back_the_same_amount(amount, suffix):
    assert parse_money(grouped(amount) + suffix) == amount
    assert parse_money(str(amount)) == amount


@given(st.integers(min_value=0, max_value=bounds.MAX_COUNT))
def test_formatting_then_parsing_gives_back_the_same_count(count):
    assert parse_count(grouped(count)) == count


@given(
    whole=st.integers(min_value=0, max_value=999),
    fraction=st.text(alphabet="0123456789", min_size=0, max_size=12),
    word=st.sampled_from(sorted(UNITS)),
)
def test_a_unit_word_is_read_exactly_or_refused_when_it_leaves_part_of_a_dong(whole, fraction, word):
    unit = UNITS[word]
    typed = f"{whole},{fraction} {word}" if fraction else f"{whole} {word}"
    # The exact value in thousandths… of a đồng, computed without floats.
    scaled = (whole * 10 ** len(fraction) + int(fraction or 0)) * unit
    exact, remainder = divmod(scaled, 10 ** len(fraction))
    if remainder:
        with pytest.raises(ValidationError):
            parse_money(typed)
    else:
        assert parse_money(typed) == exact


class EntryForm(forms.Form):
    amount = MoneyField(label="Số tiền (đồng)")
    target = MoneyField(label="Chỉ tiêu", positive=True, required=False)
    quantity = CountField(label="Số lượng", required=False)


@pytest.mark.parametrize(
    ("typed", "stored"), [("750.000", 750_000), ("1.500.000", 1_500_000), ("2,5 triệu", 2_500_000)]
)
def test_money_field_cleans_to_whole_dong(typed, stored):
    form = EntryForm({"amount": typed, "quantity": "2.288"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == stored
    assert form.cleaned_data["quantity"] == 2288


def test_money_field_refuses_more_than_a_thousand_ty_with_the_vietnamese_message():
    form = EntryForm({"amount": "1.000.000.000.001"})
    assert not form.is_valid()
    assert form.errors["amount"] == [TOO_LARGE]
    assert EntryForm({"amount": "1.000 tỷ"}).is_valid()


def test_count_field_refuses_more_than_ten_million():
    form = EntryForm({"amount": "0", "quantity": "10.000.001"})
    assert form.errors["quantity"] == ["Số lượng tối đa cho một lần nhập là 10.000.000."]


def test_a_positive_money_field_refuses_zero():
    form = EntryForm({"amount": "0", "target": "0"})
    assert form.errors["target"] == ["Số tiền phải lớn hơn 0."]


def test_a_required_money_field_left_empty_says_so():
    form = EntryForm({"amount": ""})
    assert form.errors["amount"] == ["Trường này là bắt buộc."]


def test_fields_render_as_text_inputs_never_number_inputs():
    html = str(EntryForm(initial={"amount": 750_000, "quantity": 2288}))
    assert 'type="number"' not in html
    assert 'name="amount" value="750.000"' in html
    assert 'name="quantity" value="2.288"' in html
    assert html.count('autocomplete="off"') == 3
    assert 'type="text"' in html


def test_a_redisplayed_form_shows_what_the_server_understood_grouped():
    form = EntryForm({"amount": "1,5 triệu", "target": "0", "quantity": "2288"})
    assert not form.is_valid()
    html = str(form)
    assert 'value="1.500.000"' in html
    assert 'value="2.288"' in html


def test_a_redisplayed_form_keeps_unreadable_text_as_typed_so_it_can_be_corrected():
    form = EntryForm({"amount": "1.5"})
    assert form.errors["amount"] == [INVALID]
    assert 'value="1.5"' in str(form["amount"])


def test_the_same_value_typed_differently_is_not_a_change():
    form = EntryForm({"amount": "750.000"}, initial={"amount": 750_000})
    assert not form.has_changed()
