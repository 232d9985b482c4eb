#!/usr/bin/env python3
"""Makes the scikit-learn reference fixtures for CalibrationReferenceTests.

Run from this folder with Debian's packages (python3-sklearn 1.2, numpy 1.24):  /usr/bin/python3 make_calibration_fixtures.py
For each case it writes CASE.csv (query,score,clicked; generated here with a fixed seed) and CASE.json with:
  curve      sklearn.calibration.calibration_curve(y, p, n_bins, strategy): prob_true, prob_pred, and each non-empty
             bin's count (numpy's searchsorted on the inner edges, as calibration_curve bins them)
  isotonic   IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1).fit(p, y): X_thresholds_, y_thresholds_
  brier      brier_score_loss on the raw scores and on ir.predict(p)
  ece        sum over non-empty uniform bins of count/N * |prob_true - prob_pred|, raw and on ir.predict(p) (the issue's definition)
  tau        over the distinct calibrated values, the t minimising |#(calibrated >= t)/queries - target|, the larger on a tie
The tests read these files; they never run Python.
"""
import json

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss


def counts(p, n_bins, strategy):
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(ids, minlength=len(edges))
    return [int(c) for c in total if c != 0]


def ece(y, p, n_bins):
    true, pred = calibration_curve(y, p, n_bins=n_bins, strategy="uniform")
    n = counts(p, n_bins, "uniform")
    return float(sum(c / len(p) * abs(t - q) for c, t, q in zip(n, true, pred)))


def tau(calibrated, queries, target):
    best = None
    for t in sorted(set(calibrated.tolist()), reverse=True):
        mean = float(np.sum(calibrated >= t)) / queries
        gap = abs(mean - target)
        if best is None or gap < best[0]:
            best = (gap, t, mean)
    return {"target": target, "value": best[1], "meanResultsPerQuery": best[2]}


def case(name, queries, scores, clicks, n_bins, strategy, target=5.0):
    q = np.asarray(queries)
    p = np.asarray(scores, dtype=float)
    y = np.asarray(clicks, dtype=int)
    with open(f"{name}.csv", "w") as f:
        f.write("query,score,clicked\n")
        for a, b, c in zip(q, p, y):
            f.write(f"{a},{b!r},{c}\n")
    true, pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    ir = IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1).fit(p, y)
    calibrated = ir.predict(p)
    out = {
        "sklearn": sklearn.__version__, "numpy": np.__version__, "bins": n_bins, "strategy": strategy,
        "n": int(len(p)), "queries": int(len(set(q.tolist()))),
        "curve": {"probTrue": true.tolist(), "probPred": pred.tolist(), "counts": counts(p, n_bins, strategy)},
        "isotonic": {"x": ir.X_thresholds_.tolist(), "y": ir.y_thresholds_.tolist()},
        "brier": {"raw": float(brier_score_loss(y, p)), "calibrated": float(brier_score_loss(y, calibrated))},
        "ece": {"raw": ece(y, p, n_bins), "calibrated": ece(y, calibrated, n_bins)},
        "tau": tau(calibrated, len(set(q.tolist())), target),
    }
    with open(f"{name}.json", "w") as f:
        json.dump(out, f, indent=1)


def main():
    rng = np.random.default_rng(20261129)
    # A ranker that is over-confident at the top (the demo's candidate is like this): scores to 3 decimals hit bin edges.
    n = 4000
    queries = np.repeat(np.arange(400), 10)
    scores = np.round(rng.beta(2, 2, n), 3)
    truth = 1 / (1 + np.exp(-6 * (scores - 0.65)))
    clicks = (rng.random(n) < truth).astype(int)
    case("overconfident-uniform", queries, scores, clicks, 10, "uniform")
    case("overconfident-quantile", queries, scores, clicks, 10, "quantile")
    case("overconfident-bins7", queries, scores, clicks, 7, "uniform", target=3.0)
    # Every score exactly on a uniform edge, 0 and 1 included.
    edge_scores = np.tile(np.round(np.linspace(0, 1, 11), 1), 30)
    edge_clicks = (rng.random(len(edge_scores)) < edge_scores).astype(int)
    case("edges", np.arange(len(edge_scores)) // 6, edge_scores, edge_clicks, 10, "uniform", target=2.0)
    # Few distinct scores: quantile edges land on data values.
    tie_scores = rng.choice([0.05, 0.2, 0.2, 0.35, 0.5, 0.5, 0.5, 0.8, 0.95], 900)
    tie_clicks = (rng.random(900) < tie_scores).astype(int)
    case("ties-quantile", np.arange(900) // 9, tie_scores, tie_clicks, 5, "quantile")
    # A tiny case where the fit pools nearly everything.
    case("tiny", [1, 1, 1, 2, 2, 2, 3], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3], [0, 0, 1, 0, 1, 1, 0], 3, "uniform", target=1.0)


if __name__ == "__main__":
    main()
