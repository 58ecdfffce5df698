"""The lynx-hare Lotka-Volterra fit with SciPy, the alternative a user would otherwise pick:
least_squares (trust-region reflective, finite-difference Jacobian) over solve_ivp (RK45),
sum of squares of log residuals, the same start as examples/lotka-volterra.model.
Prints one JSON line: seconds per fit (median of several in-process runs), parameters, loss.
Run by dev.leibniz.benchmarks.sections.FitSection when python3 with SciPy is present."""
import json, sys, time
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import least_squares

def load(path):
    rows = []
    with open(path) as f:
        header = None
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if header is None:
                header = line.split(',')
                continue
            rows.append([float(v) for v in line.split(',')])
    a = np.array(rows)
    return header, a

def main(csv):
    header, a = load(csv)
    t = a[:, 0] - a[0, 0]
    hare = a[:, header.index('hare')]
    lynx = a[:, header.index('lynx')]

    def rhs(_, y, al, be, ga, de):
        h, l = y
        return [al * h - be * h * l, de * h * l - ga * l]

    def residuals(theta):
        al, be, ga, de, h0, l0 = theta
        sol = solve_ivp(rhs, (0.0, t[-1]), [h0, l0], t_eval=t, args=(al, be, ga, de),
                        rtol=1e-8, atol=1e-10, method='RK45')
        if not sol.success or sol.y.shape[1] != len(t) or np.any(sol.y <= 0):
            return np.full(2 * len(t), 1e3)
        return np.concatenate([np.log(sol.y[0]) - np.log(hare), np.log(sol.y[1]) - np.log(lynx)])

    x0 = np.array([0.5, 0.025, 0.8, 0.025, 30.0, 4.0])
    fit = lambda: least_squares(residuals, x0, bounds=(0, np.inf), xtol=1e-12, ftol=1e-12, gtol=1e-12)
    fit()  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        r = fit()
        times.append(time.perf_counter() - start)
    print(json.dumps({"seconds": float(np.median(times)), "parameters": r.x.tolist(),
                      "loss": float(2 * r.cost), "evaluations": int(r.nfev)}))

if __name__ == '__main__':
    main(sys.argv[1])
