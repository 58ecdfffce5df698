package dev.leibniz.ode;

import dev.leibniz.core.ForwardMode;
import dev.leibniz.ode.internal.Tape;

/**
 * The second-order term of a Rosenbrock method's discrete adjoint. A Rosenbrock stage reads the
 * Jacobian J = ∂f/∂y and the time derivative T = ∂f/∂t, so the reverse of a stage needs the
 * derivative of J·k + τ T with respect to (y, p):
 *
 * <pre>
 *   (ȳ, p̄) += ∇_(y,p) (c r̄)ᵀ (J(t, y)·dir + τ T(t, y))
 * </pre>
 *
 * one VJP of the JVP graph of f (tangent (τ, dir, 0) on the inputs, cotangent c·r̄ on the JVP
 * outputs). The graph is built from the rule table once per sweep ({@link ForwardMode#jvpGraph})
 * and its buffers are reused for every stage of every step.
 */
final class SecondOrderTerm {
    private final int n;
    private final int[] source;
    private final Tape jvpOfF;
    private final double[] values;
    private final double[] adjoints;
    private final boolean[] reach;
    private final double[] scratch;
    private final double[] inputAdjoints;
    private final double[] in2;
    private final double[] ct2;

    SecondOrderTerm(OdeProblem problem) {
        this.n = problem.stateCount();
        this.source = problem.rhsInputSource();
        this.jvpOfF = new Tape(ForwardMode.jvpGraph(problem.rhs()));
        this.values = new double[jvpOfF.size()];
        this.adjoints = new double[jvpOfF.size()];
        this.reach = new boolean[jvpOfF.size()];
        this.scratch = jvpOfF.newScratch();
        this.inputAdjoints = new double[jvpOfF.inputCount()];
        this.in2 = new double[2 * source.length];
        this.ct2 = new double[2 * n];
    }

    /**
     * Adds the term at (t, y, params) with tangent (τ, dir) and cotangent {@code scale}·{@code rbar}
     * into {@code ybar} and {@code pbar}.
     */
    void add(double t, double[] y, double[] params, double tau, double[] dir, double scale, double[] rbar,
             double[] ybar, double[] pbar) {
        int m2 = source.length;
        for (int j = 0; j < m2; j++) {
            int src = source[j];
            in2[j] = src < 0 ? t : src < n ? y[src] : params[src - n];
            in2[m2 + j] = src < 0 ? tau : src < n ? dir[src] : 0.0;
        }
        for (int q = 0; q < n; q++) {
            ct2[n + q] = scale * rbar[q];   // scale 1 gives rbar's bits (x·1 = x)
        }
        jvpOfF.forward(in2, values, scratch);
        jvpOfF.backward(values, ct2, adjoints, reach, inputAdjoints, scratch);
        for (int j = 0; j < m2; j++) {
            int src = source[j];
            if (src >= 0 && src < n) {
                ybar[src] += inputAdjoints[j];
            } else if (src >= n) {
                pbar[src - n] += inputAdjoints[j];
            }
        }
    }
}
