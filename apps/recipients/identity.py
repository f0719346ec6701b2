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
        raise _format_error(text, today)
    century, yy, mm, dd = match["century"], match["yy"], match["mm"], match["dd"]
    sep, serial, check = match["sep"], match["serial"], match["check"]

    if century and sep == "+":
        raise ValidationError(
            _("Plustecken används bara med tvåsiffrigt årtal (ÅÅMMDD+NNNN)."), code="format"
        )
    if not century and not _month_and_day_exist(mm, dd) and _looks_cut_short(text, today):
        raise _cut_short_error()
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


def _format_error(text: str, today: dt.date) -> ValidationError:
    """What is wrong with a number that does not have the shape of one, said specifically."""
    if not text:
        return ValidationError(_("Ange ett personnummer."), code="required")
    if re.search(r"[^0-9+-]", text):
        return ValidationError(
            _("Personnumret får bara innehålla siffror och ett bindestreck (eller plustecken)."),
            code="characters",
        )
    digits = re.sub(r"\D", "", text)
    if len(digits) not in (10, 12):
        return ValidationError(
            _("Personnumret ska ha 10 eller 12 siffror, men har %(count)s.")
            % {"count": len(digits)},
            code="length",
        )
    if len(digits) == 10 and _looks_cut_short(text, today):
        return _cut_short_error()
    return ValidationError(
        _("Skriv bindestrecket före de fyra sista siffrorna: ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN."),
        code="format",
    )


def _cut_short_error() -> ValidationError:
    return ValidationError(
        _(
            "Numret har bara 10 siffror men börjar som ett tolvsiffrigt (ÅÅÅÅMMDD). "
            "Skriv hela numret: ÅÅÅÅMMDD-NNNN."
        ),
        code="length",
    )


def _month_and_day_exist(mm: str, dd: str) -> bool:
    day = int(dd)
    if day > COORDINATION_DAY_OFFSET:
        day -= COORDINATION_DAY_OFFSET
    try:
        dt.date(2000, int(mm), day)  # a leap year: 29 February exists
    except ValueError:
        return False
    return True


def _looks_cut_short(text: str, today: dt.date) -> bool:
    """Ten digits that start with a real birth date written with its century (19450315…):
    someone typed a twelve-digit number and lost two digits, rather than a ten-digit one."""
    digits = re.sub(r"\D", "", text)
    try:
        birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return birth.year >= 1850 and birth <= today


def _infer_year(yy: int, mm: int, day: int, *, plus: bool, today: dt.date) -> int:
    year = today.year - ((today.year - yy) % 100)
    # Same two-digit year as this year but a birthday later in the year: the previous century.
    if year == today.year and (mm, day) > (today.month, today.day):
        year -= 100
    if plus:
        year -= 100
    return year
