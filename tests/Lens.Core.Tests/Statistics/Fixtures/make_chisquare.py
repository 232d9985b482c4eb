"""Reference values for ChiSquareTest and SampleRatioCheck, from SciPy's chisquare.

Run with Debian's python3-scipy (SciPy 1.10):
    /usr/bin/python3 make_chisquare.py > chisquare.json
"""
import json
import random

import numpy as np
import scipy
from scipy.stats import chisquare

cases = []


def add(observed, shares, note):
    observed = [int(o) for o in observed]
    n = sum(observed)
    expected = [n * s for s in shares]
    stat, p = chisquare(np.array(observed, dtype=float), np.array(expected, dtype=float))
    cases.append({"note": note, "observed": observed, "shares": shares, "chi2": float(stat), "p": float(p)})


# Two arms, as a canary's split: exact, close, skewed, tiny and huge samples, extreme shares.
add([950, 50], [0.95, 0.05], "exact 5% split")
add([940, 60], [0.95, 0.05], "slightly over")
add([9000, 1000], [0.95, 0.05], "candidate doubled")
add([18, 2], [0.9, 0.1], "twenty requests")
add([3, 1], [0.5, 0.5], "four requests")
add([1, 0], [0.99, 0.01], "one request")
add([4_990_123, 5_009_877], [0.5, 0.5], "ten million at 50%")
add([9_999_000, 1_000], [0.9999, 0.0001], "0.01% canary")
add([500, 500], [0.75, 0.25], "p underflows towards zero")
add([0, 100], [0.5, 0.5], "everything on one side")
add([7467, 2533], [0.75, 0.25], "near the 0.001 boundary")
# More categories (several variants), uneven shares.
add([20, 30, 50], [0.2, 0.3, 0.5], "three arms, exact")
add([25, 30, 45], [0.2, 0.3, 0.5], "three arms, off")
add([10, 12, 9, 15, 30], [0.1, 0.1, 0.1, 0.2, 0.5], "five arms")
add([100, 80, 120, 90, 110, 95], [1 / 6] * 6, "a die")

rng = random.Random(20261129)
for i in range(40):
    k = rng.choice([2, 2, 2, 3, 4])
    raw = [rng.uniform(0.05, 1) for _ in range(k)]
    shares = [r / sum(raw) for r in raw]
    n = rng.choice([10, 50, 200, 1000, 20_000, 1_000_000])
    tilt = rng.choice([0, 0, 0.01, 0.05, 0.2])
    probs = [s * (1 + tilt * (j - k / 2)) for j, s in enumerate(shares)]
    probs = [max(p, 1e-6) for p in probs]
    probs = [p / sum(probs) for p in probs]
    observed = np.random.default_rng(i).multinomial(n, probs)
    add(observed, shares, f"random {i}: n={n}, k={k}, tilt={tilt}")

print(json.dumps({"scipy": scipy.__version__, "cases": cases}, indent=1))
