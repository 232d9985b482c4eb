#!/usr/bin/env python3
"""The scikit-learn equivalent of `lens calibration fit --input FILE` (uniform, 10 bins), for timing side by side:
   /usr/bin/time /usr/bin/python3 fit_with_sklearn.py FILE.csv   against   /usr/bin/time lens calibration fit --input FILE.csv"""
import sys

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss

frame = pd.read_csv(sys.argv[1])
y = frame["clicked"].to_numpy()
p = frame["score"].to_numpy()
true, pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
ir = IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1).fit(p, y)
calibrated = ir.predict(p)
print(len(p), frame["query"].nunique(), brier_score_loss(y, p), brier_score_loss(y, calibrated), len(ir.X_thresholds_))
print(true.tolist(), pred.tolist())
