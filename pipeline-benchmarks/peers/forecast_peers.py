"""numpy's side of the forecast benchmark (issue 14), run by run-forecast-peers.sh with Debian's
python3-numpy after ForecastExport has written DIR:

    /usr/bin/python3 pipeline-benchmarks/peers/forecast_peers.py DIR [RUNS]

The same revenue distribution as ours: the 100,000 open deals (deals-p.f64, deals-cents.i64),
10,000 trials; in each trial deal i is won when a uniform draw is below p_i, and the trial's total
is the sum of the won amounts in cents. Vectorised the way a data scientist would: one
numpy.random.Generator (PCG64, seeded), trials in chunks of CHUNK rows (a CHUNK x 100,000 matrix
of uniforms per step, 80 MB), the totals sorted at the end. Three ways of turning a chunk's
uniforms into totals are tried on 1,000 trials (they must give identical totals); the fastest
is then timed on the 10,000 trials RUNS times (default 3; the median kept, wall-clock and CPU
seconds). Loading the files is not timed.

A sanity check, not an exact one (the generators differ): numpy's mean must be within 5 standard
errors of the exact expectation sum p_i a_i, and its P10, P50 and P90 within 0.1% of ours
(about 9 of their standard errors).
Writes DIR/numpy-times.csv: what,elapsed,cpu,runs,p10,p50,p90,mean.
"""

import csv
import os
import statistics
import sys
import time

import numpy as np

TRIALS = 10_000
SEED = 14
CHUNK = 100


def simulate(p, cents, cents_f, way, trials=TRIALS):
    n = p.shape[0]
    rng = np.random.default_rng(SEED)
    totals = np.empty(trials, dtype=np.int64)
    u = np.empty((CHUNK, n))
    won = np.empty((CHUNK, n), dtype=bool)
    for start in range(0, trials, CHUNK):
        k = min(CHUNK, trials - start)
        if way == "where_sum":
            x = rng.random((k, n))
            totals[start:start + k] = np.where(x < p, cents, 0).sum(axis=1)
        elif way == "mask_matmul_float":
            # bool -> float64 and a BLAS matrix-vector product; exact: every partial sum of cents
            # is an integer below 2^53
            x = rng.random((k, n))
            totals[start:start + k] = ((x < p).astype(np.float64) @ cents_f).astype(np.int64)
        elif way == "inplace_matmul_float":
            # the same without temporaries: draws into a reused buffer, comparison into another
            rng.random(out=u[:k])
            np.less(u[:k], p, out=won[:k])
            totals[start:start + k] = (won[:k] @ cents_f).astype(np.int64)
        else:
            raise ValueError(way)
    totals.sort()
    return totals


def quantile(sorted_cents, q):
    # ours: the trial total of rank ceil(q * trials)
    rank = max(1, min(TRIALS, int(np.ceil(round(q * TRIALS, 9)))))
    return sorted_cents[rank - 1] / 100


def main():
    d = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    p = np.fromfile(os.path.join(d, "deals-p.f64"), dtype="<f8")
    cents = np.fromfile(os.path.join(d, "deals-cents.i64"), dtype="<i8")
    assert p.shape == cents.shape
    cents_f = cents.astype(np.float64)
    with open(os.path.join(d, "ours-mc.csv")) as f:
        ours = next(csv.DictReader(f))
    exact = float(ours["exact_expected"])
    print("numpy %s, %d deals, %d trials, chunks of %d" % (np.__version__, p.shape[0], TRIALS,
                                                          CHUNK))
    tried = {}
    reference = None
    for way in ("where_sum", "mask_matmul_float", "inplace_matmul_float"):
        t0 = time.perf_counter()
        totals = simulate(p, cents, cents_f, way, trials=1000)
        tried[way] = time.perf_counter() - t0
        if reference is None:
            reference = totals
        elif not np.array_equal(reference, totals):
            sys.exit("numpy: %s gives other totals than where_sum" % way)
        print("  tried %-22s 1,000 trials in %.2f s" % (way, tried[way]))
    way = min(tried, key=tried.get)
    elapsed = []
    cpu = []
    for _ in range(runs):
        t0 = time.perf_counter()
        c0 = time.process_time()
        totals = simulate(p, cents, cents_f, way)
        cpu.append(time.process_time() - c0)
        elapsed.append(time.perf_counter() - t0)
    mean = totals.mean() / 100
    se = totals.std(ddof=1) / np.sqrt(TRIALS) / 100
    q = [quantile(totals, x) for x in (0.1, 0.5, 0.9)]
    print("  %-22s 10,000 trials: %.2f s elapsed, %.2f s CPU (medians of %d); P10/P50/P90 %.0f /"
          " %.0f / %.0f, mean %.0f" % (way, statistics.median(elapsed), statistics.median(cpu),
                                       runs, q[0], q[1], q[2], mean))
    rows = [[way, "%.4f" % statistics.median(elapsed), "%.4f" % statistics.median(cpu), runs,
             "%.2f" % q[0], "%.2f" % q[1], "%.2f" % q[2], "%.2f" % mean]]
    if abs(mean - exact) > 5 * se:
        sys.exit("numpy: mean %.2f is more than 5 standard errors (%.2f) from the exact %.2f"
                 % (mean, se, exact))
    for name, x in zip(("p10", "p50", "p90"), q):
        if abs(x - float(ours[name])) > 0.001 * float(ours[name]):
            sys.exit("numpy: %s %.2f is more than 0.1%% from ours (%s)" % (name, x, ours[name]))
    print("sanity: numpy's mean %.0f vs exact %.0f (SE %.0f); P10/P50/P90 within 0.1%% of ours"
          " (%s / %s / %s)" % (mean, exact, se, ours["p10"], ours["p50"], ours["p90"]))
    with open(os.path.join(d, "numpy-times.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["what", "elapsed", "cpu", "runs", "p10", "p50", "p90", "mean"])
        w.writerows(rows)
        w.writerow(["numpy_version", np.__version__, "", 0, "", "", "", ""])


if __name__ == "__main__":
    main()
