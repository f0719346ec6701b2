"""Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).

Accepted input forms, with or without spaces:
    YYMMDD-NNNN, YYMMDD+NNNN (the plus means 100 years or older), YYMMDDNNNN,
    YYYYMMDD-NNNN, YYYYMMDDNNNN.
Stored form: YYYYMMDD-NNNN (twelve digits and a hyphen). A samordningsnummer keeps its day
plus 60, as Skatteverket writes it.

Rules (Skatteverket, SKV 704; folkbokföringslagen 18 §, 18 a §):
- the last digit is a Luhn (mod 10) check over the ten digits YYMMDDNNN;
- the date must exist; a samordningsnummer has 60 added to the day;
- the birth number (the three digits NNN) is 001–999;
- with a two-digit year the century is the latest one that does not put the birth in the
  future, minus a further hundred years when the separator is "+";
- a birth date after the reference date is refused.

Written here rather than taken from the `personnummer` package: that package cannot be given
a reference date (it reads the clock), accepts births in the future, and has not had a
release since 2024; this module is small and fully tested in tests/recipients/test_identity.py.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PATTERN = re.compile(
    r"^(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)$"
)
COORDINATION_DAY_OFFSET = 60


@dataclass(frozen=True)
class IdentityNumber:
    normalised: str  # YYYYMMDD-NNNN
    birth_date: dt.date
    is_coordination_number: bool

    def __str__(self) -> str:
        return self.normalised


def luhn_check_digit(nine_digits: str) -> int:
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def parse_identity_number(raw: str, *, today: dt.date | None = None) -> IdentityNumber:
    """Validate and normalise; raise ValidationError with a message saying what is wrong."""
    today = today or dt.date.today()
    text = re.sub(r"\s+", "", str(raw or ""))
    match = _PATTERN.match(text)
    if not match:
        raise ValidationError(
            _("Ange personnumret som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN (10 eller 12 siffror)."),
            code="format",
        )
    century, yy, mm, dd = match["century"], match["yy"], match["mm"], match["dd"]
    sep, serial, check = match["sep"], match["serial"], match["check"]

    if century and sep == "+":
        raise ValidationError(
            _("Plustecken används bara med tvåsiffrigt årtal (ÅÅMMDD+NNNN)."), code="format"
        )
    if serial == "000":
        raise ValidationError(_("Födelsenumret kan inte vara 000."), code="serial")
    if luhn_check_digit(yy + mm + dd + serial) != int(check):
        raise ValidationError(
            _("Kontrollsiffran stämmer inte. Kontrollera att numret är rätt skrivet."),
            code="checksum",
        )

    day = int(dd)
    is_coordination = day > COORDINATION_DAY_OFFSET
    if is_coordination:
        day -= COORDINATION_DAY_OFFSET

    if century:
        year = int(century + yy)
    else:
        year = _infer_year(int(yy), int(mm), day, plus=(sep == "+"), today=today)

    try:
        birth_date = dt.date(year, int(mm), day)
    except ValueError as exc:
        raise ValidationError(
            _("Datumet i numret finns inte (%(date)s).") % {"date": f"{year}-{mm}-{dd}"},
            code="date",
        ) from exc
    if birth_date > today:
        raise ValidationError(_("Födelsedatumet ligger i framtiden."), code="future")

    return IdentityNumber(
        normalised=f"{year:04d}{mm}{dd}-{serial}{check}",
        birth_date=birth_date,
        is_coordination_number=is_coordination,
    )


def _infer_year(yy: int, mm: int, day: int, *, plus: bool, today: dt.date) -> int:
    year = today.year - ((today.year - yy) % 100)
    # Same two-digit year as this year but a birthday later in the year: the previous century.
    if year == today.year and (mm, day) > (today.month, today.day):
        year -= 100
    if plus:
        year -= 100
    return year


def normalise_identity_number(raw: str, *, today: dt.date | None = None) -> str:
    return parse_identity_number(raw, today=today).normalised


def validate_identity_number(value: str) -> None:
    """Model/form field validator."""
    parse_identity_number(value)
