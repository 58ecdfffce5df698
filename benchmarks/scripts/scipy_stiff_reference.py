#!/usr/bin/env python3
"""SciPy reference runs for the stiff test set (issue 15): steps, Jacobians, LUs and wall time.

SciPy's Radau is Hairer & Wanner's RADAU5 algorithm (Radau IIA of order 5, simplified Newton,
their step-size controller) written in Python; LSODA is ODEPACK's Fortran code behind a Python
right-hand side. The problems are the same as dev.leibniz.ode.testset.StiffTestSet (Bari test
set, Mazzia-Magherini), with the same end times, tolerances and reference solutions.

Run:  python3 benchmarks/scripts/scipy_stiff_reference.py [1e-6 1e-10]
Not run by the build (SciPy is not a project dependency); its output is quoted in
docs/benchmarks.md, stiff test set section.
"""
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def rober(t, y):
    r1, r2, r3 = 0.04 * y[0], 3e7 * y[1] ** 2, 1e4 * y[1] * y[2]
    return [r3 - r1, r1 - r3 - r2, r2]


def vdpol(t, y):
    return [y[1], ((1 - y[0] ** 2) * y[1] - y[0]) * 1e6]


def vdpolm(t, y):
    return [y[1], 1e3 * (1 - y[0] ** 2) * y[1] - y[0]]


def orego(t, y):
    return [77.27 * (y[1] + y[0] * (1 - 8.375e-6 * y[0] - y[1])),
            (y[2] - (1 + y[0]) * y[1]) / 77.27,
            0.161 * (y[0] - y[2])]


def hires(t, y):
    r = 280 * y[5] * y[7]
    return [-1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
            1.71 * y[0] - 8.75 * y[1],
            -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
            8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
            -1.745 * y[4] + 0.43 * (y[5] + y[6]),
            -r + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
            r - 1.81 * y[6],
            -r + 1.81 * y[6]]


def e5(t, y):
    p1, p2, p3, p4 = 7.89e-10 * y[0], 1.1e7 * y[0] * y[2], 1.13e9 * y[1] * y[2], 1.13e3 * y[3]
    f2, f4 = p1 - p3, p2 - p4
    return [-p1 - p2, f2, f2 - f4, f4]


K = [.35, .266e2, .123e5, .86e-3, .82e-3, .15e5, .13e-3, .24e5, .165e5, .9e4, .22e-1, .12e5, .188e1,
     .163e5, .48e7, .35e-3, .175e-1, .1e9, .444e12, .124e4, .21e1, .578e1, .474e-1, .178e4, .312e1]
# the species each reaction j (1-based) consumes (-) and produces (+), as in pollu.f
POLLU = [(-1, -10, -14, -23, -24, 2, 3, 9, 11, 12, 22, 25), (-2, -3, -9, -12, 1, 21), (-15, 1, 17, 19, 22),
         (-2, -16, -17, -23, 15), (-3, 4, 4, 6, 7, 13, 20), (-6, -8, -14, -20, 3, 18, 18), (-4, -5, -6, 13),
         (4, 5, 6, 7), (-7, -8), (-12, 7, 9), (-9, -10, 8, 11), (9,), (-11, 10), (-13, 12), (14,),
         (-18, -19, 16), (-20,), (20,), (-21, -22, -24, 23, 25), (-25, 24)]


def pollu(t, y):
    k = K
    r = [0.0] * 26
    r[1] = k[0] * y[0]; r[2] = k[1] * y[1] * y[3]; r[3] = k[2] * y[4] * y[1]; r[4] = k[3] * y[6]
    r[5] = k[4] * y[6]; r[6] = k[5] * y[6] * y[5]; r[7] = k[6] * y[8]; r[8] = k[7] * y[8] * y[5]
    r[9] = k[8] * y[10] * y[1]; r[10] = k[9] * y[10] * y[0]; r[11] = k[10] * y[12]; r[12] = k[11] * y[9] * y[1]
    r[13] = k[12] * y[13]; r[14] = k[13] * y[0] * y[5]; r[15] = k[14] * y[2]; r[16] = k[15] * y[3]
    r[17] = k[16] * y[3]; r[18] = k[17] * y[15]; r[19] = k[18] * y[15]; r[20] = k[19] * y[16] * y[5]
    r[21] = k[20] * y[18]; r[22] = k[21] * y[18]; r[23] = k[22] * y[0] * y[3]; r[24] = k[23] * y[18] * y[0]
    r[25] = k[24] * y[19]
    return [sum(r[j] if j > 0 else -r[-j] for j in row) for row in POLLU]


PROBLEMS = [
    ("rober", rober, 1e11, [1, 0, 0], [0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050], None),
    ("vdpol", vdpol, 2, [2, 0], [0.1706167732170483e+01, -0.8928097010247975e+00], None),
    ("vdpolm", vdpolm, 2000, [2, 0], [0.1706167732170469e+01, -0.8928097010248125e-03], None),
    ("orego", orego, 360, [1, 2, 3], [0.1000814870318523e+01, 0.1228178521549917e+04, 0.1320554942846706e+03], None),
    ("hires", hires, 321.8122, [1, 0, 0, 0, 0, 0, 0, 0.0057],
     [0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
      0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2], None),
    ("e5", e5, 1e13, [1.76e-3, 0, 0, 0],
     [0.1152903278711829e-290, 0.8867655517642120e-22, 0.8854814626268838e-22, 0], 1.7e-24),
    ("pollu", pollu, 60, [0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0],
     [0.5646255480022769e-01, 0.1342484130422339e+00, 0.4139734331099427e-08, 0.5523140207484359e-02,
      0.2018977262302196e-06, 0.1464541863493966e-06, 0.7784249118997964e-01, 0.3245075353396018e+00,
      0.7494013383880406e-02, 0.1622293157301561e-07, 0.1135863833257075e-07, 0.2230505975721359e-02,
      0.2087162882798630e-03, 0.1396921016840158e-04, 0.8964884856898295e-02, 0.4352846369330103e-17,
      0.6899219696263405e-02, 0.1007803037365946e-03, 0.1772146513969984e-05, 0.5682943292316392e-04], None),
]


def run(method, f, t_end, y0, rtol, atol, repeats):
    best, sol = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        sol = solve_ivp(f, (0, t_end), np.array(y0, float), method=method, rtol=rtol, atol=atol)
        best = min(best, time.perf_counter() - start)
    return sol, best


def main():
    tolerances = [float(a) for a in sys.argv[1:]] or [1e-6, 1e-10]
    print("| problem | rtol | method | status | steps | f evals | Jacobians | LUs | err (tolerances) | best wall (ms) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for rtol in tolerances:
        for name, f, t_end, y0, ref, atol_fixed in PROBLEMS:
            atol = atol_fixed if atol_fixed is not None else rtol
            for method in ("Radau", "LSODA"):
                sol, wall = run(method, f, t_end, y0, rtol, atol, 3 if rtol > 1e-8 else 1)
                ref_a = np.array(ref)
                if sol.success:
                    err = np.max(np.abs(sol.y[:, -1] - ref_a) / (atol + rtol * np.abs(ref_a)))
                    status, steps = "ok", len(sol.t) - 1
                else:
                    err, status, steps = float("nan"), "failed: " + sol.message, len(sol.t) - 1
                print(f"| {name} | {rtol:g} | {method} | {status} | {steps} | {sol.nfev} | {sol.njev} | {sol.nlu} "
                      f"| {err:.2f} | {wall * 1e3:.1f} |", flush=True)


if __name__ == "__main__":
    main()
