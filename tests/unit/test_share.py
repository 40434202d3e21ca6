import pytest

from dlplay.ui import share


@pytest.mark.parametrize("raw,default,choices,bounds,expected", [
    ("0.5", 0.1, None, (0.0, 1.0), 0.5),
    ("7", 3, None, (1, 30), 7),
    ("true", False, None, None, True),
    ("relu", "tanh", ["tanh", "relu"], None, "relu"),
    ("adam,sgd", ["sgd"], ["sgd", "adam"], None, ["adam", "sgd"]),
])
def test_valid_values_parse(raw, default, choices, bounds, expected):
    assert share._parse(raw, default, choices, bounds) == expected


@pytest.mark.parametrize("raw,default,choices,bounds", [
    ("abc", 0.1, None, None), ("nan", 0.1, None, None), ("inf", 0.1, None, None), ("5", 0.1, None, (0, 1)),
    ("<script>", "tanh", ["tanh"], None), ("x" * 500, "tanh", None, None), ("maybe", True, None, None),
    ("adam,rm -rf", ["sgd"], ["sgd", "adam"], None),
])
def test_hostile_values_are_refused(raw, default, choices, bounds):
    with pytest.raises(ValueError):
        share._parse(raw, default, choices, bounds)
