import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.recipients.identity import luhn_check_digit, parse_identity_number

TODAY = dt.date(2026, 11, 25)


def parse(raw):
    return parse_identity_number(raw, today=TODAY)


@pytest.mark.parametrize(
    "typed",
    [
        "19121212-1212",
        "191212121212",
        "121212-1212",
        "1212121212",
        " 1912 1212-1212 ",
        "121212+1212",
    ],
)
def test_it_normalises_the_forms_people_type(typed):
    # 121212+1212 is 100 years or older: 1912. Without "+", 12 is read as 1912 too, because
    # 2012-12-12 is also in the past: see the century tests below for the difference.
    parsed = parse(typed)
    assert parsed.normalised in {"19121212-1212", "20121212-1212"}


def test_it_stores_twelve_digits_and_a_hyphen():
    assert parse("194106129986").normalised == "19410612-9986"
    assert parse("410612-9986").normalised == "19410612-9986"


def test_it_computes_the_luhn_check_digit():
    assert luhn_check_digit("811218987") == 6  # 811218-9876, Skatteverket's worked example
    assert luhn_check_digit("121212121") == 2


def test_it_refuses_a_wrong_check_digit():
    with pytest.raises(ValidationError) as exc:
        parse("19121212-1213")
    assert exc.value.code == "checksum"


@pytest.mark.parametrize("raw", ["19230230-9800", "19231301-9809", "19230100-9804"])
def test_it_refuses_a_date_that_does_not_exist(raw):
    # Check digits are correct for each, so only the date can be wrong.
    yymmdd_serial = raw[2:8] + raw[9:12]
    fixed = raw[:12] + str(luhn_check_digit(yymmdd_serial))
    with pytest.raises(ValidationError) as exc:
        parse(fixed)
    assert exc.value.code == "date"


def test_it_refuses_birth_number_000():
    base = "400101000"
    with pytest.raises(ValidationError) as exc:
        parse(f"19400101-000{luhn_check_digit(base)}")
    assert exc.value.code == "serial"


def test_it_refuses_a_birth_date_in_the_future():
    raw = "20270101-980" + str(luhn_check_digit("270101980"))
    with pytest.raises(ValidationError) as exc:
        parse(raw)
    assert exc.value.code == "future"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "required"),
        ("abc", "characters"),
        ("19121212_1212", "characters"),
        ("19121212", "length"),
        ("1912121212121", "length"),
        ("12121-21212", "format"),
    ],
)
def test_it_refuses_malformed_input_saying_what_is_wrong(raw, code):
    with pytest.raises(ValidationError) as exc:
        parse(raw)
    assert exc.value.code == code


def test_plus_sign_only_goes_with_a_two_digit_year():
    with pytest.raises(ValidationError):
        parse("19121212+1212")


class TestSamordningsnummer:
    def test_it_accepts_a_coordination_number_and_keeps_day_plus_60(self):
        # Skatteverket's example: a man born 3 October 1970 with individnummer 239 → 701063-2391.
        parsed = parse("701063-2391")
        assert parsed.is_coordination_number
        assert parsed.birth_date == dt.date(1970, 10, 3)
        assert parsed.normalised == "19701063-2391"

    def test_it_refuses_a_coordination_day_that_does_not_exist(self):
        raw = "700192-980"  # day 92 - 60 = 32
        with pytest.raises(ValidationError):
            parse(raw + str(luhn_check_digit("700192980")))


class TestCenturyRule:
    def test_two_digit_year_is_the_most_recent_past_century(self):
        raw = "250101-980" + str(luhn_check_digit("250101980"))
        assert parse(raw).birth_date == dt.date(2025, 1, 1)

    def test_a_birthday_later_this_year_belongs_to_the_previous_century(self):
        # Today is 2026-11-25: 26-12-01 has not happened yet in 2026, so it is 1926.
        raw = "261201-980" + str(luhn_check_digit("261201980"))
        assert parse(raw).birth_date == dt.date(1926, 12, 1)

    def test_plus_means_a_hundred_years_older(self):
        raw_minus = "250101-980" + str(luhn_check_digit("250101980"))
        raw_plus = raw_minus.replace("-", "+")
        assert parse(raw_minus).birth_date.year == 2025
        assert parse(raw_plus).birth_date.year == 1925
        assert parse(raw_plus).normalised == "19250101-" + raw_minus[-4:]

    def test_a_twelve_digit_number_keeps_its_century(self):
        raw = "19250101-980" + str(luhn_check_digit("250101980"))
        assert parse(raw).birth_date == dt.date(1925, 1, 1)
