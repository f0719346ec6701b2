"""How the overview rounds its figures, shared by the tables and the charts so that a chart
never says something its table does not."""

from decimal import ROUND_HALF_UP, Decimal

ONE = Decimal("1")
TENTH = Decimal("0.1")


def percent(share: float | None) -> int | None:
    """0.6667 -> 67 (half up, as people round)."""
    if share is None:
        return None
    return int((Decimal(str(share)) * 100).quantize(ONE, rounding=ROUND_HALF_UP))


def one_decimal(value) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP))
