"""Money computed exactly: figures as fractions, rounded once, at the amount."""

from fractions import Fraction
from math import floor


def exact(number):
    """A stored figure (2.5 m², 0.7, 246.25) as the exact decimal it stands for: a float
    such as 0.7 is only close to it."""
    return Fraction(repr(float(number))) if isinstance(number, float) else Fraction(number)


def round_amount(value, currency):
    """`value` rounded once to the currency's smallest unit (the fen), half away from
    zero as Odoo rounds amounts."""
    scale = 10**currency.decimal_places
    cents = floor(abs(Fraction(value)) * scale + Fraction(1, 2))
    return float(Fraction(cents if value >= 0 else -cents, scale))


def show(number, decimals=0):
    """A figure in a label as it is computed with, at least `decimals` decimals when it
    has no more: 98.5, 2.50, 1/3 (never a rounded figure)."""
    number = exact(number)
    for places in range(decimals, 7):
        if (number * 10**places).denominator == 1:
            return f"{float(number):.{places}f}"
    return f"{number.numerator}/{number.denominator}"
