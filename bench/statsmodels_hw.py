"""Peer row for `npm run bench:m4`: statsmodels' damped additive Holt-Winters (seasonal m)
on every M4 Hourly series, fitted by its default optimizer without the brute-force start grid. Prints {"seconds": total fit+forecast time, "forecasts": {id: [...]}}."""
import csv, json, sys, time, warnings
import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

data_dir, h, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
warnings.filterwarnings("ignore")
forecasts = {}
started = time.perf_counter()
with open(f"{data_dir}/Hourly-train.csv", newline="") as f:
    rows = csv.reader(f)
    next(rows)
    for row in rows:
        y = np.array([float(v) for v in row[1:] if v != ""])
        try:
            fit = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal="add", seasonal_periods=m).fit(use_brute=False)
            forecasts[row[0]] = [float(v) for v in fit.forecast(h)]
        except Exception:
            forecasts[row[0]] = [float(v) for v in np.tile(y[-m:], h // m + 1)[:h]]
print(json.dumps({"seconds": time.perf_counter() - started, "forecasts": forecasts}))
