"""Fitting FSRS to a review log: training items, metrics, SM-2, fitting, workload."""

from __future__ import annotations

import itertools
import math
import random
import sys
import zoneinfo
from datetime import UTC, datetime, timedelta, timezone

import pytest

from quizlib.clock import local_day
from quizlib.errors import QuizError
from quizlib.srs.optimize import (
    DEFAULT_PARAMETERS,
    MIN_ITEMS,
    NotEnoughReviews,
    build_items,
    check_parameters,
    fit_and_check,
    fit_parameters,
    predict_recall,
    predict_sm2,
    retrievability,
    score,
    split_by_time,
)
from quizlib.srs.recall_metrics import Outcome, auc, bin_key, log_loss, rmse_bins, sm2_interval, sm2_recall

#: A learner who forgets faster than the defaults assume (parameters fitted to a real log).
FORGETFUL = (
    0.1726, 0.8326, 2.4851, 6.3079, 6.5383, 0.5241, 3.1816, 0.0269, 1.6629, 0.2612, 0.6194,
    1.5809, 0.0423, 0.3833, 1.7980, 0.6014, 1.8729, 0.8313, 0.1011, 0.1463, 0.2433,
)  # fmt: skip

DAY0 = datetime(2024, 3, 1, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _learner_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    # build_items counts days in the learner's zone: make it the same on every machine.
    monkeypatch.setenv("TZ", "UTC")


def at(days: float, hours: float = 0) -> datetime:
    return DAY0 + timedelta(days=days, hours=hours)


# --- training items ---------------------------------------------------------------------------


def test_one_item_per_review_a_day_or_more_after_the_previous_one() -> None:
    log = [
        ("a", at(0), 3),
        ("a", at(0, 1), 1),  # same day: history only
        ("a", at(2), 3),
        ("a", at(2, 8), 3),  # same day
        ("a", at(7), 1),
        ("b", at(1), 3),  # a single review predicts nothing
    ]
    items = build_items(reversed(log))  # any input order
    assert [item.reviews for item in items] == [
        ((3, 0), (1, 0), (3, 2)),
        ((3, 0), (1, 0), (3, 2), (3, 0), (1, 5)),
    ]
    assert [item.time for item in items] == [at(2), at(7)]
    assert [item.recalled for item in items] == [True, False]
    assert items[1].history == ((3, 0), (1, 0), (3, 2), (3, 0))
    assert items[1].elapsed_days == 5


def test_a_study_day_starts_at_4_am_in_the_learners_timezone() -> None:
    late_night = datetime(2024, 3, 3, 2, tzinfo=UTC)  # 2 am: still the study day of March 2
    evening = datetime(2024, 3, 2, 10, tzinfo=UTC)
    assert build_items([("a", evening, 3), ("a", late_night, 3)], tz=UTC) == []  # the same study day
    # At UTC+3 the same instant is 05:00 on March 3: the next study day.
    (item,) = build_items([("a", evening, 3), ("a", late_night, 3)], tz=timezone(timedelta(hours=3)))
    assert item.elapsed_days == 1


#: Learners far from UTC, where UTC dates and local study days disagree most.
FAR_ZONES = ("Etc/GMT-10", "Etc/GMT+7")  # UTC+10 and UTC−7 (POSIX signs are reversed)


@pytest.mark.parametrize("zone_name", FAR_ZONES)
def test_days_are_counted_as_the_scheduler_counts_study_days(
    zone_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Elapsed days are differences of the sessions' study days (local 04:00 rollover), by default
    in the learner's own zone, so fitted stabilities are in the days the scheduler uses."""
    zone = zoneinfo.ZoneInfo(zone_name)
    monkeypatch.setenv("TZ", zone_name)
    local = [  # (day, hour, minute) in the learner's zone
        (1, 23, 30),  # late evening
        (2, 5, 0),  # next morning: the next study day
        (3, 2, 30),  # after midnight: still the study day of the 2nd
        (3, 3, 59),  # last minute of the 2nd
        (3, 4, 1),  # first minute of the 3rd
        (6, 12, 0),
        (7, 3, 0),  # study day of the 6th
        (8, 4, 0),  # study day of the 8th
    ]
    times = [datetime(2024, 5, d, h, m, tzinfo=zone).astimezone(UTC) for d, h, m in local]
    items = build_items([("a", t, 3) for t in times])  # no tz: the learner's zone, as sessions use
    days = [local_day(t, tz=zone) for t in times]
    expected = [(b - a).days for a, b in itertools.pairwise(days)]
    assert [days for _, days in items[-1].reviews[1:]] == expected == [1, 0, 0, 1, 3, 0, 2]
    assert [item.time for item in items] == [times[k] for k in (1, 4, 5, 7)]
    assert build_items([("a", t, 3) for t in times], tz=zone) == items
    assert build_items([("a", t, 3) for t in times], tz=UTC) != items  # UTC days would differ


def test_outcome_carries_the_rmse_bins_coordinates() -> None:
    log = [("a", at(0), 3), ("a", at(1), 1), ("a", at(1, 1), 3), ("a", at(4), 1), ("a", at(10), 3)]
    last = build_items(log)[-1]
    outcome = last.outcome(0.7)
    # Long-term reviews (a day or more after the previous one): days 1, 4 and 10.
    assert outcome == Outcome(recalled=True, predicted=0.7, elapsed_days=6, review_count=4, lapses=2)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="rating 5"):
        build_items([("a", at(0), 5)])
    with pytest.raises(ValueError, match="no timezone"):
        build_items([("a", datetime(2024, 3, 1), 3)])
    with pytest.raises(QuizError, match="21 finite parameters"):
        check_parameters(DEFAULT_PARAMETERS[:19])


def test_time_split_keeps_the_future_out_of_training() -> None:
    log = [("a", at(day), 3) for day in range(10)]
    older, newer = split_by_time(build_items(log), log, 0.8)
    assert max(item.time for item in older) < min(item.time for item in newer) == at(8)


# --- metrics against hand-computed values --------------------------------------------------------


def test_log_loss() -> None:
    assert log_loss([True, False], [0.8, 0.4]) == pytest.approx(-(math.log(0.8) + math.log(0.6)) / 2)
    assert log_loss([True], [0.0]) == pytest.approx(-math.log(1e-15))  # clipped, not infinite
    with pytest.raises(ValueError):
        log_loss([True], [0.5, 0.5])


def test_auc_counts_correctly_ranked_pairs_and_half_of_ties() -> None:
    assert auc([True, True, False, False], [0.9, 0.4, 0.6, 0.1]) == pytest.approx(3 / 4)
    assert auc([True, True, False], [0.7, 0.5, 0.5]) == pytest.approx((1 + 0.5) / 2)
    assert auc([True, False], [0.2, 0.8]) == 0.0
    assert math.isnan(auc([True, True], [0.2, 0.8]))


def test_rmse_bins_weights_each_bin_by_its_size() -> None:
    one_bin = [Outcome(True, 0.9, 1, 2, 0), Outcome(False, 0.7, 2, 2, 0)]
    assert rmse_bins(one_bin) == pytest.approx(abs(0.5 - 0.8))
    other_bin = [Outcome(True, 0.5, 30, 2, 0), Outcome(True, 0.5, 30, 2, 0), Outcome(False, 0.5, 30, 2, 0)]
    expected = math.sqrt((1 * 0.1**2 + 3 * (2 / 3 - 0.5) ** 2) / 4)
    assert rmse_bins([Outcome(True, 0.9, 1, 2, 0), *other_bin]) == pytest.approx(expected)


def test_bins_follow_srs_benchmark() -> None:
    assert bin_key(Outcome(True, 0.5, 1, 2, 0)) == (2.48, 4.0, 0.0)
    assert bin_key(Outcome(True, 0.5, 3, 1, 1)) == (2.48, 2.0, 2.0)
    # i = 7: 1.99 · 1.89^⌊3.06⌋ = 13.4 → 13; 3 lapses: 1.65 · 1.73^⌊2.004⌋ = 4.94 → 5.
    assert bin_key(Outcome(True, 0.5, 4, 7, 3)) == (8.98, 13.0, 5.0)


def test_sm2_intervals() -> None:
    assert [sm2_interval([3] * n) for n in (1, 2, 3)] == [1.0, 6.0, 15.0]
    assert sm2_interval([3, 3, 1]) == 1.0
    # The lapse cut the ease factor to 2.18: 6 × 2.18 = 13.08 → 13.
    assert sm2_interval([3, 3, 1, 3, 3, 3]) == 13.0
    assert sm2_recall([3, 3], 6) == pytest.approx(0.9)


def test_sm2_sees_only_long_term_reviews() -> None:
    log = [("a", at(0), 3), ("a", at(0, 1), 1), ("a", at(1), 3), ("a", at(7), 3)]
    assert predict_sm2(build_items(log)) == pytest.approx([0.9 ** (1 / 1), 0.9 ** (6 / 6)])


def test_retrievability_is_90_percent_after_stability_days() -> None:
    for parameters in (DEFAULT_PARAMETERS, FORGETFUL):
        assert retrievability(7.5, 7.5, parameters) == pytest.approx(0.9)
        assert retrievability(0, 7.5, parameters) == 1.0


# --- fitting (fsrs-rs-python, the test extra) ----------------------------------------------------

rs = pytest.importorskip("fsrs_rs_python")


def test_too_few_reviews_get_a_clear_message() -> None:
    log = [("a", at(day), 3) for day in range(5)]
    with pytest.raises(NotEnoughReviews, match=f"at least {MIN_ITEMS} reviews .* this log has 4"):
        fit_parameters(build_items(log))


def test_missing_fsrs_rs_python_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)
    with pytest.raises(QuizError, match=r"pip install 'quizlib\[optimize\]'"):
        predict_recall(build_items([("a", at(0), 3), ("a", at(1), 3)]), DEFAULT_PARAMETERS)


def test_fitting_a_forgetful_learner_beats_the_defaults_on_their_newest_reviews() -> None:
    from quizlib.srs.simulation import simulate_learner

    log = simulate_learner(
        FORGETFUL, rng=random.Random(7), days=120, new_per_day=10, scheduler_parameters=DEFAULT_PARAMETERS
    ).log
    fit = fit_and_check(log)
    assert len(fit.parameters) == 21
    assert fit.improves, (fit.current, fit.candidate)
    assert fit.candidate.log_loss < fit.current.log_loss
    # The fit lands near the truth: its predictions score like the true parameters'.
    newer = split_by_time(build_items(log), log)[1]
    truth = score(newer, predict_recall(newer, FORGETFUL))
    assert fit.candidate.log_loss == pytest.approx(truth.log_loss, abs=0.01)


def test_predictions_match_the_fsrs_scheduler() -> None:
    """Fitted parameters feed the ``fsrs`` Scheduler: both libraries must model memory alike."""
    import fsrs

    history = [(3, 0), (1, 0), (3, 2), (3, 0), (3, 5), (1, 9), (3, 1)]
    scheduler = fsrs.Scheduler(parameters=FORGETFUL, enable_fuzzing=False)
    card, now = fsrs.Card(), at(0)
    for rating, days in history:
        now += timedelta(days=days, minutes=5)
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), now)
    log, time = [], at(0)
    for rating, days in [*history, (3, 4)]:  # the same reviews, then one 4 days later to predict
        time += timedelta(days=days, minutes=5)
        log.append(("a", time, rating))
    last = build_items(log)[-1]
    assert predict_recall([last], FORGETFUL)[0] == pytest.approx(
        scheduler.get_card_retrievability(card, now + timedelta(days=4)), rel=1e-5
    )
