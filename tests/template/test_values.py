"""Cell text → (value, state): never a made-up number."""
from __future__ import annotations

import pytest

from extractor.template.values import parse_value


@pytest.mark.parametrize(("raw", "value", "state"), [
    ("0", 0, "zero"), ("12", 12, "numeric"), ("１２", 12, "numeric"), ("1,234", 1234, "numeric"), ("54件", 54, "numeric"),
    ("3985758", 3985758, "numeric"), (" 7 ", 7, "numeric"),
    ("", None, "empty"), ("\u3000\u3000", None, "empty"),
    ("/", None, "na"), ("-", None, "na"), ("—", None, "na"), ("无", None, "na"), ("不涉及", None, "na"), ("N/A", None, "na"),
    ("若干", None, "text"),
])
def test_counts(raw, value, state):
    assert parse_value(raw)[:2] == (value, state)


def test_fee_amounts_keep_their_decimals_and_unit():
    assert parse_value("96171.6", amount=True)[:2] == (96171.6, "numeric")
    assert parse_value("12.5万元", amount=True)[:2] == (12.5, "numeric")


def test_a_number_in_another_unit_is_text_with_a_note():
    value, state, note = parse_value("251000元", amount=True)
    assert (value, state) == (251000, "text") and "251000元" in note
