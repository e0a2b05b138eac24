"""The decision head: its flags, its logistic regression, and its saved weights."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.actions import head


@pytest.mark.parametrize("bag, marked, context, want", [
    (0.5, True, ("DTRANS",), [0.0, 1.0, 0.0, 1.0, 1.0]),
    (0.9, False, (), [np.log(9) / head.BAG_SCALE, 0.0, 0.0, 0.0, 0.0]),
])
def test_actions_head_flags_read_the_line_and_the_document(bag, marked, context, want):
    assert head.flags(bag, marked, False, context) == pytest.approx(want)


@pytest.mark.parametrize("l2", [1.0])
def test_actions_head_fit_learns_a_direction_and_is_deterministic(l2):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 5))
    y = (x[:, 0] - 0.5 * x[:, 3] > 0).astype(float)
    a, b = (head.fit(x, y, l2=l2, encoder="e") for _ in range(2))
    assert np.array_equal(a.weights, b.weights)
    assert ((a.predict(x) >= 0.5) == y.astype(bool)).mean() > 0.95
    assert a.weights[0] > 0 > a.weights[3] and abs(a.weights[1]) < abs(a.weights[0]) / 3


@pytest.mark.parametrize("l2", [0.5])
def test_actions_head_round_trips_and_refuses_other_flags(tmp_path, l2):
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(40, 3)), (rng.random(40) > 0.5).astype(float)
    fitted = head.fit(x, y, l2=l2, encoder="enc-1")
    path = tmp_path / head.HEAD_FILE
    path.write_text(fitted.to_json(), encoding="utf-8")
    loaded = head.load_head(path)
    assert loaded.encoder == "enc-1" and loaded.predict(x) == pytest.approx(fitted.predict(x), abs=1e-5)
    path.write_text(fitted.to_json().replace('"bag"', '"other"'), encoding="utf-8")
    with pytest.raises(ValueError, match="make train"):
        head.load_head(path)
