package dev.leibniz.core.optim;

/**
 * The settings the two bounded quasi-Newton methods ({@link ProjectedLbfgs}, {@link Lbfgsb}) share:
 * how many curvature pairs they keep, and when they stop. Each method's {@code with…} methods
 * return a copy of the method with one setting changed; the checks live here, once, and name the
 * method whose setting is wrong.
 *
 * @param memory                   curvature pairs (s, y) kept, at least 1
 * @param maxIterations            iterations before giving up, at least 0
 * @param gradientTolerance        converged when ‖x − P(x − ∇f)‖∞ ≤ this
 * @param functionTolerance        converged when the relative change of f in one iteration is ≤
 *                                 this; 0 disables the test
 * @param maxLineSearchEvaluations trial points per step, at least 1
 */
record LbfgsSettings(int memory, int maxIterations, double gradientTolerance, double functionTolerance,
                     int maxLineSearchEvaluations) {

    /** Memory 10, at most 1000 iterations, projected gradient ≤ 1e-8, relative change of f ≤ 1e-15, 30 trials a step. */
    static final LbfgsSettings DEFAULT = new LbfgsSettings(10, 1000, 1e-8, 1e-15, 30);

    /** These settings, checked, with errors naming {@code method}. */
    LbfgsSettings checkedFor(String method) {
        Checks.atLeast(method, "memory", memory, 1);
        Checks.atLeast(method, "maximum number of iterations", maxIterations, 0);
        Checks.nonNegative(method, "gradient tolerance", gradientTolerance);
        Checks.nonNegative(method, "relative function tolerance", functionTolerance);
        Checks.atLeast(method, "evaluations per line search", maxLineSearchEvaluations, 1);
        return this;
    }

    LbfgsSettings withMemory(int m) {
        return new LbfgsSettings(m, maxIterations, gradientTolerance, functionTolerance, maxLineSearchEvaluations);
    }

    LbfgsSettings withMaxIterations(int n) {
        return new LbfgsSettings(memory, n, gradientTolerance, functionTolerance, maxLineSearchEvaluations);
    }

    LbfgsSettings withGradientTolerance(double tol) {
        return new LbfgsSettings(memory, maxIterations, tol, functionTolerance, maxLineSearchEvaluations);
    }

    LbfgsSettings withFunctionTolerance(double tol) {
        return new LbfgsSettings(memory, maxIterations, gradientTolerance, tol, maxLineSearchEvaluations);
    }

    LbfgsSettings withMaxLineSearchEvaluations(int n) {
        return new LbfgsSettings(memory, maxIterations, gradientTolerance, functionTolerance, n);
    }
}
