#!/usr/bin/env python3
"""Reference values for the Mann-Whitney judge, the normal distribution and the sequential rate test.

Run from this folder with Debian's python3-scipy (SciPy 1.10, numpy 1.24):
    cd tests/Lens.Core.Tests/Statistics/Fixtures && /usr/bin/python3 make_stats_fixtures.py
It writes three files; the tests read them and never run Python.

normal.json       scipy.stats.norm.sf and norm.isf, scipy.special.erfc, at many points including the deep tails.
mannwhitney.json  for each case (baseline and candidate samples): for every alternative,
                  scipy.stats.mannwhitneyu(candidate, baseline, alternative=..., method="asymptotic",
                  use_continuity=True): U (the candidate's) and p. Then, by brute force over all pairwise
                  differences d = candidate[i] - baseline[j]: the common-language effect size
                  mean(d > 0) + mean(d == 0) / 2, the Hodges-Lehmann shift np.median(d), and the Moses interval:
                  the sorted differences at ranks C and N + 1 - C (1-based, N = n1 n2) with
                  C = max(1, floor(N/2 + 1/2 - z sigma)), z = norm.isf((1 - confidence) / 2) and sigma the
                  tie-corrected standard deviation of U that mannwhitneyu uses.
msprt.json        the mixture likelihood ratio of the sequential rate test, integrated numerically with
                  scipy.integrate.quad (not the closed form the code uses), and the confidence-sequence ends
                  found by scipy.optimize.brentq where that integral reaches 1/alpha.
"""
import json
import math

import numpy as np
import scipy
from scipy import integrate, optimize, special
from scipy.stats import mannwhitneyu, norm


def normal_fixture():
    zs = [float(z) for z in np.round(np.arange(-10, 38.5001, 0.05), 2)]
    zs += [float(z) for z in np.random.default_rng(20261201).uniform(-12, 38, 400)]
    zs += [0.0, 1e-12, -1e-12, math.sqrt(2), math.sqrt(2) * (1 - 1e-15), math.sqrt(2) * (1 + 1e-15), 37.5, 38.0]
    sf = [{"z": z, "sf": float(norm.sf(z))} for z in zs]
    xs = [float(x) for x in np.round(np.arange(-6, 27.3001, 0.025), 3)]
    xs += [float(x) for x in np.random.default_rng(20261202).uniform(-5, 27, 300)]
    xs += [0.0, 1e-300, 1.0, 1 - 1e-15, 1 + 1e-15]
    erfc = [{"x": x, "erfc": float(special.erfc(x))} for x in xs]
    tails = [0.5, 0.4, 0.25, 0.1, 0.05, 0.025, 0.025000000000000022, 0.005, 0.001, 1e-4, 1e-6, 1e-9, 1e-12, 1e-20,
             1e-50, 1e-100, 1e-200, 1e-300, 0.6, 0.9, 0.975, 0.999, 1 - 1e-9]
    tails += [float(10 ** -e) for e in np.random.default_rng(20261203).uniform(0, 290, 100)]
    isf = [{"tail": t, "z": float(norm.isf(t))} for t in tails]
    return {"scipy": scipy.__version__, "sf": sf, "erfc": erfc, "isf": isf}


def tie_term(values):
    _, t = np.unique(values, return_counts=True)
    return int((t.astype(np.int64) ** 3 - t).sum())


def mann_whitney_case(note, baseline, candidate, confidence=0.95):
    baseline = np.asarray(baseline, dtype=float)
    candidate = np.asarray(candidate, dtype=float)
    n1, n2 = len(candidate), len(baseline)
    out = {"note": note, "baseline": baseline.tolist(), "candidate": candidate.tolist(), "confidence": confidence}
    for alternative in ["two-sided", "greater", "less"]:
        r = mannwhitneyu(candidate, baseline, alternative=alternative, method="asymptotic", use_continuity=True)
        out[alternative] = {"u": float(r.statistic), "p": float(r.pvalue)}

    d = np.sort(np.subtract.outer(candidate, baseline).ravel())
    big_n = len(d)
    n = n1 + n2
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term(np.concatenate([candidate, baseline])) / (n * (n - 1))))
    z = float(norm.isf((1 - confidence) / 2))
    rank = max(1, math.floor(big_n / 2 + 0.5 - z * sigma))
    out["sigmaU"] = sigma
    out["commonLanguageEffectSize"] = float(np.mean(d > 0) + np.mean(d == 0) / 2)
    out["hodgesLehmannShift"] = float(np.median(d))
    out["mosesRank"] = rank
    out["hodgesLehmannLower"] = float(d[rank - 1])
    out["hodgesLehmannUpper"] = float(d[big_n - rank])
    return out


def mann_whitney_fixture():
    rng = np.random.default_rng(20261204)
    cases = []
    add = lambda *a, **k: cases.append(mann_whitney_case(*a, **k))
    add("one each", [2.0], [1.0])
    add("one against forty", rng.normal(10, 2, 40), [13.5])
    add("small continuous 9 vs 7", rng.normal(100, 15, 9), rng.normal(110, 15, 7))
    add("small with ties 15 vs 12, scores 1-5", rng.integers(1, 6, 15), rng.integers(2, 6, 12))
    add("small with ties at 90%", rng.integers(1, 4, 11), rng.integers(1, 5, 13), confidence=0.9)
    add("many ties: scores 0-4, 200 vs 180", rng.integers(0, 5, 200), rng.integers(0, 5, 180))
    add("two values only, 500 vs 500", rng.integers(0, 2, 500), (rng.random(500) < 0.56).astype(int))
    add("latency to the millisecond, candidate 3% slower, 400 vs 350",
        np.round(rng.lognormal(math.log(120), 0.5, 400)), np.round(rng.lognormal(math.log(120 * 1.03), 0.5, 350)))
    add("latency to the millisecond, 2000 vs 2500, 99%",
        np.round(rng.lognormal(math.log(80), 0.7, 2000)), np.round(rng.lognormal(math.log(78), 0.7, 2500)), confidence=0.99)
    add("very unequal: 5 candidate values against 3000", np.round(rng.lognormal(math.log(50), 0.4, 3000), 1),
        np.round(rng.lognormal(math.log(65), 0.4, 5), 1))
    add("very unequal: 3000 candidate values against 5", np.round(rng.lognormal(math.log(50), 0.4, 5), 1),
        np.round(rng.lognormal(math.log(50), 0.4, 3000), 1))
    same = np.round(rng.normal(20, 4, 30), 1)
    add("identical samples, 30 each", same, same.copy())
    add("every value equal, 6 vs 4", [7.0] * 6, [7.0] * 4)
    add("fully separated, candidate above, 60 vs 50", rng.uniform(0, 1, 60), rng.uniform(2, 3, 50))
    add("fully separated, candidate below, 60 vs 50", rng.uniform(2, 3, 60), rng.uniform(0, 1, 50))
    add("negative and positive values with ties", np.round(rng.normal(0, 1, 25), 0), np.round(rng.normal(0.4, 1, 19), 0))
    add("heavy tail with outliers", np.concatenate([rng.exponential(10, 97), [1e4, 2e4, 5e4]]), rng.exponential(12, 90))
    for i in range(24):
        n_base = int(rng.choice([3, 8, 19, 40, 150, 600]))
        n_cand = int(rng.choice([4, 11, 19, 60, 300]))
        shift = float(rng.choice([1.0, 1.0, 1.02, 1.1, 0.9]))
        digits = int(rng.choice([0, 0, 1, 3]))
        base = np.round(rng.lognormal(math.log(40), 0.6, n_base), digits)
        cand = np.round(rng.lognormal(math.log(40 * shift), 0.6, n_cand), digits)
        add(f"random {i}: {n_base} vs {n_cand}, shift {shift}, {digits} decimals", base, cand,
            confidence=float(rng.choice([0.95, 0.95, 0.9, 0.99])))
    return {"scipy": scipy.__version__, "cases": cases}


def variance(baseline, candidate):
    """The plug-in variance of the rate difference, with the pooled rate's when both arms sit at 0 or 1."""
    (sb, nb), (sc, nc) = baseline, candidate
    pb, pc = sb / nb, sc / nc
    v = pb * (1 - pb) / nb + pc * (1 - pc) / nc
    if v == 0:
        pooled = (sb + sc) / (nb + nc)
        v = pooled * (1 - pooled) * (1 / nb + 1 / nc)
    return v


def mixture_ratio(estimate, v, tau, theta0):
    """Integral over theta ~ N(theta0, tau^2) of the normal likelihood ratio of theta against theta0."""
    def integrand(theta):
        log_ratio = ((estimate - theta0) ** 2 - (estimate - theta) ** 2) / (2 * v)
        return math.exp(log_ratio) * norm.pdf(theta, theta0, tau)
    centre = (estimate * tau ** 2 + theta0 * v) / (tau ** 2 + v)
    spread = math.sqrt(tau ** 2 * v / (tau ** 2 + v))
    value, _ = integrate.quad(integrand, centre - 40 * spread, centre + 40 * spread, points=[centre], epsabs=0, epsrel=1e-13, limit=200)
    return value


def msprt_case(note, baseline, candidate, alpha, tau):
    v = variance(baseline, candidate)
    estimate = candidate[0] / candidate[1] - baseline[0] / baseline[1]
    ratio = mixture_ratio(estimate, v, tau, 0.0)
    excess = lambda theta0: math.log(mixture_ratio(estimate, v, tau, theta0)) - math.log(1 / alpha)
    step = math.sqrt(v) + tau
    far = 1.0
    while excess(estimate + far * step) < 0:
        far *= 2
    upper = optimize.brentq(excess, estimate, estimate + far * step, xtol=1e-15, rtol=1e-14)
    lower = optimize.brentq(excess, estimate - far * step, estimate, xtol=1e-15, rtol=1e-14)
    return {"note": note, "baseline": {"successes": baseline[0], "trials": baseline[1]},
            "candidate": {"successes": candidate[0], "trials": candidate[1]}, "alpha": alpha, "tau": tau,
            "variance": v, "difference": estimate, "likelihoodRatio": ratio, "p": min(1.0, 1 / ratio),
            "lower": lower, "upper": upper}


def msprt_fixture():
    cases = [
        msprt_case("equal rates, 1000 each", (50, 1000), (50, 1000), 0.05, 0.01),
        msprt_case("error rate doubles, 5000 each", (50, 5000), (100, 5000), 0.05, 0.01),
        msprt_case("click-through up a point, 20000 each", (4000, 20000), (4200, 20000), 0.05, 0.01),
        msprt_case("click-through down, unequal arms", (3000, 15000), (520, 3000), 0.05, 0.01),
        msprt_case("small arms, wide mixture", (3, 40), (9, 45), 0.05, 0.05),
        msprt_case("baseline without errors", (0, 800), (6, 750), 0.05, 0.01),
        msprt_case("strict alpha, narrow mixture", (1200, 100000), (1350, 100000), 0.01, 0.002),
        msprt_case("huge arms, tiny difference", (500000, 10000000), (501500, 10000000), 0.05, 0.001),
        msprt_case("loose alpha", (30, 600), (45, 600), 0.2, 0.02),
    ]
    return {"scipy": scipy.__version__, "cases": cases}


def main():
    for name, make in [("normal.json", normal_fixture), ("mannwhitney.json", mann_whitney_fixture), ("msprt.json", msprt_fixture)]:
        with open(name, "w") as f:
            json.dump(make(), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
