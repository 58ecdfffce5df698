package dev.leibniz.core.contract;

import dev.leibniz.core.Graph;
import dev.leibniz.core.ShapeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one {@link Case} through every back end and compares each {@link Outcome} with the
 * {@link Oracle}:
 *
 * <ul>
 *   <li>values, VJPs, JVPs and Jacobian entries within the back end's {@link Exactness} (bit for
 *       bit for the numeric sweeps; NaN equals NaN, +0 equals −0);</li>
 *   <li>the same presence (absent versus zero gradient);</li>
 *   <li>a sparsity pattern contains every nonzero (or NaN) derivative observed at the point;</li>
 *   <li>the dot-product identity ⟨J·u, v⟩ = ⟨u, vᵀJ⟩ to 1e-12 relative where every term is finite,
 *       pairing the back end's product with the reference's other product;</li>
 *   <li>an anomaly exception only where some value or adjoint is non-finite;</li>
 *   <li>a back end that does not support the case (a scalar-only transform and a matrix graph)
 *       throws a {@link ShapeException} whose message names a matrix node ({@code %i}) and its shape,
 *       as {@link Graph#requireScalar} does.</li>
 * </ul>
 */
public final class ContractCheck {
    /** Relative tolerance of the dot-product identity. */
    static final double IDENTITY_TOLERANCE = 1e-12;

    private final Case c;
    private final Oracles oracles;
    private final Oracle o;
    private final BackEnd b;
    private final List<Failure> failures;
    private Outcome out;

    private ContractCheck(Case c, Oracles oracles, BackEnd b, List<Failure> failures) {
        this.c = c;
        this.oracles = oracles;
        this.o = oracles.of(FlowRule.CONTRACT);
        this.b = b;
        this.failures = failures;
    }

    /** All disagreements of the back ends with the reference on this case (empty when they agree). */
    public static List<Failure> run(Case c, List<BackEnd> backEnds) {
        Oracles oracles = new Oracles(c);
        List<Failure> failures = new ArrayList<>();
        for (BackEnd b : backEnds) {
            new ContractCheck(c, oracles, b, failures).check();
        }
        return failures;
    }

    private void fail(Check check, String detail) {
        failures.add(new Failure(b.name(), check, detail, c, out, b.exactness(), oracles));
    }

    private void check() {
        if (!b.supports(c)) {
            checkRefusal();
            return;
        }
        try {
            out = b.run(c);
        } catch (RuntimeException | StackOverflowError e) {
            fail(Check.ERROR, "threw " + e);
            return;
        }
        if (out.anomaly() != null) {
            if (!o.hasNonFinite()) {
                fail(Check.ANOMALY, "reported an anomaly where every value and adjoint is finite: " + out.anomaly());
            }
            return;
        }
        if (out.value() != null) {
            compare(Check.VALUE, new double[][] {o.value()}, new double[][] {out.value()});
        }
        compare(Check.VJP, o.vjp(), out.vjp());
        double[] oracleJvp = o.jvp();
        if (oracleJvp != null && out.jvp() != null) {
            compare(Check.JVP, new double[][] {oracleJvp}, new double[][] {out.jvp()});
        }
        if (out.presence() != null && !Arrays.equals(o.presence(), out.presence())) {
            fail(Check.PRESENCE, "presence " + Arrays.toString(out.presence()) + ", expected "
                    + Arrays.toString(o.presence()));
        }
        if (out.jacobianRow() != null) {
            compare(Check.JACOBIAN_ROW, o.jacobianRow(), perInput(out.jacobianRow()));
        }
        if (out.jacobianColumns() != null && oracleJvp != null) {
            double[][] expected = new double[c.inputs().length][];
            for (int j = 0; j < expected.length; j++) {
                expected[j] = new double[] {o.jvpOfUnit(j, 0)[0]};
            }
            compare(Check.JACOBIAN_COLUMNS, expected, perInput(out.jacobianColumns()));
        }
        if (out.pattern() != null) {
            checkPattern(out.pattern());
        }
        if (out.jvp() != null) {
            identity(dot(out.jvp(), c.cotangent()), dot(c.tangent(), o.vjp()), "its J·u with the reference's vᵀJ");
        }
        if (out.vjp() != null && oracleJvp != null) {
            identity(dot(oracleJvp, c.cotangent()), dot(c.tangent(), out.vjp()), "the reference's J·u with its vᵀJ");
        }
    }

    /** A scalar-only back end must refuse a matrix graph with a ShapeException naming a matrix shape. */
    private void checkRefusal() {
        try {
            b.run(c);
            fail(Check.SHAPE, "does not support the graph but ran it without a ShapeException");
        } catch (ShapeException e) {
            Graph g = c.graph();
            String m = String.valueOf(e.getMessage());
            boolean named = false;
            for (int i = 0; i < g.size() && !named; i++) {
                named = !g.shape(i).isScalar() && m.matches("(?s).*%" + i + "\\b.*") && m.contains(g.shape(i).toString());
            }
            if (!named) {
                fail(Check.SHAPE, "the ShapeException names no matrix node (%i) with its shape: " + m);
            }
        } catch (RuntimeException e) {
            fail(Check.SHAPE, "threw " + e + " instead of a ShapeException");
        }
    }

    private void compare(Check check, double[][] expected, double[][] actual) {
        if (actual == null) {
            return;
        }
        if (actual.length != expected.length) {
            fail(check, "gave " + actual.length + " arrays, expected " + expected.length);
            return;
        }
        Exactness x = b.exactness();
        for (int k = 0; k < expected.length; k++) {
            if (actual[k] == null || actual[k].length != expected[k].length) {
                fail(check, "array " + k + " has " + (actual[k] == null ? "null" : actual[k].length + " elements")
                        + ", expected " + expected[k].length);
                return;
            }
            for (int e = 0; e < expected[k].length; e++) {
                if (!x.accepts(expected[k][e], actual[k][e])) {
                    fail(check, where(check, k, e, expected[k].length) + " = " + actual[k][e] + ", expected "
                            + expected[k][e] + " (" + x + ")");
                    return;
                }
            }
        }
    }

    private static String where(Check check, int k, int e, int len) {
        String el = len > 1 ? "[" + e + "]" : "";
        return switch (check) {
            case VALUE, JVP -> check.name().toLowerCase() + el;
            default -> check.name().toLowerCase() + " of " + Spec.inputName(k) + el;
        };
    }

    /** Every input with an observed nonzero (or NaN) ∂f/∂x_j must be in the pattern. */
    private void checkPattern(boolean[] pattern) {
        double[][] row = o.jacobianRow();
        if (pattern.length != row.length) {
            fail(Check.PATTERN, "pattern has " + pattern.length + " columns, expected " + row.length);
            return;
        }
        for (int j = 0; j < row.length; j++) {
            for (double d : row[j]) {
                if (d != 0 && !pattern[j]) {
                    fail(Check.PATTERN, "∂f/∂" + Spec.inputName(j) + " = " + d
                            + " at the point, but the pattern says it is structurally zero");
                    return;
                }
            }
        }
    }

    /** Σ a_e b_e with the sum of |a_e b_e| alongside, for the tolerance. */
    private record Dot(double value, double scale, boolean finite) {
        Dot plus(Dot d) {
            double v = value + d.value;
            return new Dot(v, scale + d.scale, finite && d.finite && Double.isFinite(v));
        }
    }

    private static Dot dot(double[] a, double[] b) {
        Dot d = new Dot(0, 0, true);
        for (int e = 0; e < a.length; e++) {
            double t = a[e] * b[e];
            d = d.plus(new Dot(t, Math.abs(t), Double.isFinite(a[e]) && Double.isFinite(b[e]) && Double.isFinite(t)));
        }
        return d;
    }

    private static Dot dot(double[][] a, double[][] b) {
        Dot d = new Dot(0, 0, true);
        for (int k = 0; k < a.length; k++) {
            d = d.plus(dot(a[k], b[k]));
        }
        return d;
    }

    private void identity(Dot left, Dot right, String what) {
        if (!left.finite || !right.finite) {
            return;
        }
        double tol = IDENTITY_TOLERANCE * Math.max(left.scale, right.scale) + Double.MIN_NORMAL;
        if (!(Math.abs(left.value - right.value) <= tol)) {
            fail(Check.IDENTITY, "<J·u, v> = " + left.value + " but <u, vᵀJ> = " + right.value + " (" + what + ")");
        }
    }

    private static double[][] perInput(double[] a) {
        double[][] r = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            r[j] = new double[] {a[j]};
        }
        return r;
    }
}
