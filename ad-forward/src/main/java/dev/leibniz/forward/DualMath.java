package dev.leibniz.forward;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;
import org.hipparchus.util.MathArrays;

/**
 * The parts of {@link Dual} with loops: linear combinations, and any primitive applied to duals. Hipparchus' field code
 * (Runge–Kutta stages, matrix products) relies on {@code linearCombination} being accurate, so
 * both the value Σ aᵢbᵢ and the tangent Σ (ȧᵢbᵢ + aᵢḃᵢ) are summed with
 * {@link MathArrays#linearCombination(double[], double[])} (Ogita–Rump–Oishi compensated dot
 * product), not naively.
 */
final class DualMath {
    private DualMath() {
    }

    static Dual linearCombination(Dual[] a, Dual[] b) {
        checkLengths(a == null ? -1 : a.length, b == null ? -1 : b.length);
        int n = a.length;
        double[] av = new double[n];
        double[] bv = new double[n];
        double[] left = new double[2 * n];
        double[] right = new double[2 * n];
        for (int i = 0; i < n; i++) {
            Dual ai = nonNull(a[i], "a", i);
            Dual bi = nonNull(b[i], "b", i);
            av[i] = ai.value();
            bv[i] = bi.value();
            left[2 * i] = ai.tangent();
            right[2 * i] = bi.value();
            left[2 * i + 1] = ai.value();
            right[2 * i + 1] = bi.tangent();
        }
        return new Dual(MathArrays.linearCombination(av, bv), MathArrays.linearCombination(left, right));
    }

    static Dual linearCombination(double[] a, Dual[] b) {
        checkLengths(a == null ? -1 : a.length, b == null ? -1 : b.length);
        int n = a.length;
        double[] bv = new double[n];
        double[] bt = new double[n];
        for (int i = 0; i < n; i++) {
            Dual bi = nonNull(b[i], "b", i);
            bv[i] = bi.value();
            bt[i] = bi.tangent();
        }
        return new Dual(MathArrays.linearCombination(a, bv), MathArrays.linearCombination(a, bt));
    }

    private static void checkLengths(int na, int nb) {
        if (na < 0 || nb < 0) {
            throw new LeibnizException("Dual.linearCombination: " + (na < 0 ? "the coefficients are" : "the duals are")
                    + " null");
        }
        if (na != nb) {
            throw new LeibnizException("Dual.linearCombination: " + na + " coefficients but " + nb
                    + " duals; the lengths must match");
        }
    }

    private static Dual nonNull(Dual d, String which, int i) {
        if (d == null) {
            throw new LeibnizException("Dual.linearCombination: " + which + "[" + i + "] is null");
        }
        return d;
    }

    /** See {@link Dual#apply}. */
    static Dual apply(Primitive p, double param, Subgradients policy, Dual... args) {
        if (p == null) {
            throw new GraphException("primitive must not be null");
        }
        if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
            throw new GraphException("'" + p.name() + "' is a leaf; use Dual.variable or Dual.constant");
        }
        if (policy == null) {
            throw new LeibnizException("subgradient policy of '" + p.name() + "' must not be null");
        }
        if (args == null) {
            throw new GraphException("arguments of '" + p.name() + "' are null");
        }
        p.checkArity(args.length);
        int n = args.length;
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            if (args[j] == null) {
                throw new LeibnizException("argument " + j + " of '" + p.name() + "' is null");
            }
            x[j] = args[j].value();
        }
        double y = p.apply(x, n, param, policy);
        double t = 0;
        for (int j = 0; j < n; j++) {
            t += Lanes.times(p.partial(j, x, n, y, param, policy), args[j].tangent());
        }
        return new Dual(y, t);
    }
}
