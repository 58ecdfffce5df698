package dev.leibniz.core;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The graphs of the flow contract ({@link dev.leibniz.core.prim.Flow}): each equals {@code x}
 * (plus a constant) near the point, so {@code df/dx = 1} exactly, but a reverse sweep that sends
 * a factor along a {@code NONE} edge, or multiplies an infinite adjoint by an exact-zero partial,
 * gets NaN. Shared by the interpreted and the compiled contract tests.
 */
final class FlowCases {
    private FlowCases() {
    }

    static final double INF = Double.POSITIVE_INFINITY;

    /** One case: a description, f as an operation on x (any shape, elementwise), a point, df/dx there. */
    record Case(String name, UnaryOperator<Var> f, double at, double dfdx) {
        Graph scalarGraph() {
            return Graph.trace(v -> f.apply(v[0]), "x");
        }

        /** Σ f(x) over a matrix input of the given shape. */
        Graph matrixGraph(Shape shape) {
            return Graph.trace(v -> f.apply(v[0]).sumAll(), new String[] {"x"}, new Shape[] {shape});
        }

        @Override
        public String toString() {
            return name + " at x = " + at;
        }
    }

    static final List<Case> CASES = List.of(
            // (1) NONE edges: inf reaches the condition of select / the comparison, whose partial is 0
            new Case("select(x > 0, 1, 2) * inf + x",
                    x -> Var.select(x.gt(0.0), x.constant(1.0), x.constant(2.0)).mul(INF).add(x), 1.0, 1.0),
            new Case("gt(x, 0) * inf + x", x -> x.gt(0.0).mul(INF).add(x), 1.0, 1.0),
            // (2) strong zero: sqrt'(0) = inf meets an exact-zero partial of a unary, binary, general node
            new Case("sqrt(relu(x)) + x", x -> x.relu().sqrt().add(x), -1.0, 1.0),
            new Case("sqrt(x * 0) + x", x -> x.mul(0.0).sqrt().add(x), 1.0, 1.0),
            new Case("sqrt(select(x > 0, 0, x)) + x",
                    x -> Var.select(x.gt(0.0), x.constant(0.0), x).sqrt().add(x), 1.0, 1.0));
}
