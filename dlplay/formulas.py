"""Numbers written into LaTeX formulas the way a textbook prints them.

Python's `f"{1e-8:g}"` gives "1e-08", which KaTeX renders as "1e − 08" (a subtraction); a formula
with the learner's values plugged in must read 10^{-8}, and a coefficient of 1 disappears
(log(1 + e^x), not 1/1 log(1 + e^{1x})).
"""
from __future__ import annotations

import math


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _scientific(value: float, digits: int, power, times: str, infinity: str) -> str:
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return infinity if value > 0 else "-" + infinity
    text = f"{value:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if mantissa in ("1", "-1"):
        return mantissa[:-1] + power(int(exponent))
    return mantissa + times + power(int(exponent))


def number(value: float, digits: int = 4) -> str:
    """`value` in LaTeX with `digits` significant digits: 0.001, 2.5 \\times 10^{-5}, 10^{-8}, \\infty."""
    return _scientific(value, digits, lambda e: f"10^{{{e}}}", r" \times ", r"\infty")


def plain(value: float, digits: int = 4) -> str:
    """The same in plain characters, for widgets and chart labels: 0.001, 2.5×10⁻⁵, 10⁻⁸, ∞."""
    return _scientific(value, digits, lambda e: "10" + str(e).translate(_SUPERSCRIPT), "×", "∞")


def times(coefficient: float, expression: str) -> str:
    """`coefficient` times `expression` as printed: "x" for 1, "-x" for -1, "0" for 0, "0.01\\,x" otherwise."""
    if coefficient == 1:
        return expression
    if coefficient == -1:
        return "-" + expression
    if coefficient == 0:
        return "0"
    return rf"{number(coefficient)}\,{expression}"
