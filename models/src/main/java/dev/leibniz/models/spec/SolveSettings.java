package dev.leibniz.models.spec;

import dev.leibniz.ode.Method;
import dev.leibniz.ode.OdeException;
import dev.leibniz.ode.SolverOptions;

/**
 * A model file's {@code solve} line: how its equations are to be solved, with the keys of the
 * command line's options,
 * <pre>  solve method = rodas5p, rtol = 1e-8, atol = 1e-10, max_steps = 200000, max_step = 0.5</pre>
 * each optional, in any order, at most one {@code solve} line a file. The command line's
 * {@code --method --rtol --atol --max-steps --max-step} override the file, which overrides the
 * defaults. Every value is checked when the file is read (a tolerance ≤ 0, a budget &lt; 1, an
 * unknown method are errors at the value's line and column).
 *
 * @param method   the method's name, or {@code null}
 * @param rtol     relative tolerance, or {@code null}
 * @param atol     absolute tolerance, or {@code null}
 * @param maxSteps step budget, or {@code null}
 * @param maxStep  largest step, or {@code null}
 */
public record SolveSettings(Method method, Double rtol, Double atol, Integer maxSteps, Double maxStep) {
    /** No {@code solve} line: everything from the defaults. */
    public static final SolveSettings NONE = new SolveSettings(null, null, null, null, null);

    /** {@code base} with the settings of the file applied. */
    public SolverOptions apply(SolverOptions base) {
        SolverOptions o = base;
        if (method != null) {
            o = o.withMethod(method);
        }
        if (rtol != null || atol != null) {
            o = o.withTolerances(rtol != null ? rtol : o.relativeTolerance(), atol != null ? atol : o.absoluteTolerance());
        }
        if (maxSteps != null) {
            o = o.withMaxSteps(maxSteps);
        }
        if (maxStep != null) {
            o = o.withMaxStep(maxStep);
        }
        return o;
    }

    /** Parses the rest of a {@code solve} line ({@code KEY = VALUE, …}), checking each value as it comes. */
    static SolveSettings parse(LineParser lp) {
        SolveSettings s = NONE;
        java.util.Set<String> seen = new java.util.HashSet<>();
        do {
            Token key = lp.expectName("a solver setting (method, rtol, atol, max_steps, max_step)");
            if (!seen.add(key.text())) {
                throw lp.error(key, "duplicate solver setting '" + key.text() + "'");
            }
            lp.expect("=", "after '" + key.text() + "'");
            Token at = lp.peek();
            try {
                s = switch (key.text()) {
                    case "method" -> s.with(Method.byName(lp.expectName("a method name").text()), s.rtol, s.atol,
                            s.maxSteps, s.maxStep);
                    case "rtol" -> s.with(s.method, lp.expectNumber("a number (the relative tolerance)", false), s.atol,
                            s.maxSteps, s.maxStep);
                    case "atol" -> s.with(s.method, s.rtol, lp.expectNumber("a number (the absolute tolerance)", false),
                            s.maxSteps, s.maxStep);
                    case "max_steps" -> s.with(s.method, s.rtol, s.atol, budget(lp, at), s.maxStep);
                    case "max_step" -> s.with(s.method, s.rtol, s.atol, s.maxSteps,
                            lp.expectNumber("a number (the largest step)", true));
                    default -> throw lp.error(key, "unknown solver setting '" + key.text()
                            + "'; expected method, rtol, atol, max_steps or max_step");
                };
                // every value checked by the options record itself, so the file and the API agree
                s.apply(SolverOptions.DEFAULT);
            } catch (OdeException e) {
                throw lp.error(at, e.getMessage());
            }
        } while (lp.peek().is(",") && lp.next() != null);
        lp.expectEnd("the solver settings");
        return s;
    }

    private SolveSettings with(Method m, Double r, Double a, Integer n, Double h) {
        return new SolveSettings(m, r, a, n, h);
    }

    private static int budget(LineParser lp, Token at) {
        double v = lp.expectNumber("a whole number (the step budget)", false);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw lp.error(at, "the step budget max_steps must be a whole number, got " + v);
        }
        return (int) v;
    }
}
