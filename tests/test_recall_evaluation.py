"""Evaluating recall predictions: time-ordered folds and bootstrap intervals of differences."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from quizlib.srs.optimize import build_items, time_folds
from quizlib.srs.recall_metrics import (
    METRICS,
    Outcome,
    auc,
    bootstrap_differences,
    log_loss,
    rmse_bins,
)

DAY0 = datetime(2024, 3, 1, 10, tzinfo=UTC)


def test_time_folds_predict_each_later_chunk_once_from_its_past() -> None:
    log = [
        (f"c{card}", DAY0 + timedelta(days=day, minutes=card), 3) for day in range(30) for card in range(4)
    ]
    items = build_items(log, tz=UTC)
    folds = time_folds(items, log, 5)
    assert len(folds) == 5
    tested = [item for _, test in folds for item in test]
    assert len(tested) == len({(i.card_id, i.time) for i in tested})  # no item tested twice
    assert {(i.card_id, i.time) for i in tested} == {
        (i.card_id, i.time) for i in items if i.time >= folds[0][1][0].time
    }  # every item after the first chunk is tested
    for train, test in folds:
        assert train and test
        assert max(i.time for i in train) < min(i.time for i in test)
    assert [len(train) for train, _ in folds] == sorted(len(train) for train, _ in folds)
    with pytest.raises(ValueError):
        time_folds(items, log[:3], 5)


def _outcomes(predictions: list[float], recalled: list[bool]) -> list[Outcome]:
    return [
        Outcome(recalled=y, predicted=p, elapsed_days=1 + k % 9, review_count=2 + k % 3, lapses=k % 2)
        for k, (p, y) in enumerate(zip(predictions, recalled, strict=True))
    ]


def _data(n: int = 400, seed: int = 1) -> tuple[list[float], list[bool]]:
    rng = random.Random(seed)
    truth = [rng.uniform(0.5, 0.99) for _ in range(n)]
    return truth, [rng.random() < p for p in truth]


def test_the_whole_sample_differences_are_the_plain_metrics() -> None:
    truth, recalled = _data()
    good, flat = _outcomes(truth, recalled), _outcomes([0.8] * len(truth), recalled)
    cards = [k // 4 for k in range(len(truth))]
    (diffs,) = bootstrap_differences(
        {"good": good, "flat": flat}, [("good", "flat")], cards, random.Random(0), 50
    ).values()
    assert [d.metric for d in diffs] == list(METRICS)
    assert diffs[0].value == pytest.approx(log_loss(recalled, truth) - log_loss(recalled, [0.8] * len(truth)))
    assert diffs[1].value == pytest.approx(rmse_bins(good) - rmse_bins(flat))
    assert diffs[2].value == pytest.approx(auc(recalled, truth) - auc(recalled, [0.8] * len(truth)))
    assert all(d.low <= d.high for d in diffs)


def test_a_clearly_better_model_is_significant_and_a_model_against_itself_is_not() -> None:
    truth, recalled = _data(1000)
    models = {"truth": _outcomes(truth, recalled), "flat": _outcomes([0.75] * len(truth), recalled)}
    models["copy"] = list(models["truth"])
    cards = [k // 5 for k in range(len(truth))]
    result = bootstrap_differences(
        models, [("truth", "flat"), ("truth", "copy")], cards, random.Random(0), 200
    )
    better = {d.metric: d for d in result["truth", "flat"]}
    assert better["log loss"].significant and better["log loss"].high < 0
    assert better["AUC"].significant and better["AUC"].low > 0
    assert not any(d.significant for d in result["truth", "copy"])
    assert all(d.value == d.low == d.high == 0 for d in result["truth", "copy"])


def test_models_must_predict_the_same_items() -> None:
    truth, recalled = _data(10)
    with pytest.raises(ValueError, match="same"):
        bootstrap_differences(
            {"a": _outcomes(truth, recalled), "b": _outcomes(truth[:5], recalled[:5])},
            [("a", "b")],
            list(range(10)),
            random.Random(0),
        )
