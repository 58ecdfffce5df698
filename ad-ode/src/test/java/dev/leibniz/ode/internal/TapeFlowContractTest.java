package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Var;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ODE tape's reverse sweep under the one flow contract ({@code dev.leibniz.core.prim.Flow}):
 * nothing along a {@code NONE} edge, and an exact zero on either side of {@code ḡ · ∂y/∂x} gives
 * an exact zero. Each graph equals x plus a constant near its point, so df/dx = 1 (the closed
 * form); the old sweep gave NaN.
 */
class TapeFlowContractTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("select(x > 0, 1, 2) * inf + x",
                        (UnaryOperator<Var>) x -> Var.select(x.gt(0.0), x.constant(1.0), x.constant(2.0)).mul(INF).add(x), 1.0),
                Arguments.of("gt(x, 0) * inf + x", (UnaryOperator<Var>) x -> x.gt(0.0).mul(INF).add(x), 1.0),
                Arguments.of("sqrt(relu(x)) + x", (UnaryOperator<Var>) x -> x.relu().sqrt().add(x), -1.0),
                Arguments.of("sqrt(x * 0) + x", (UnaryOperator<Var>) x -> x.mul(0.0).sqrt().add(x), 1.0),
                Arguments.of("sqrt(select(x > 0, 0, x)) + x",
                        (UnaryOperator<Var>) x -> Var.select(x.gt(0.0), x.constant(0.0), x).sqrt().add(x), 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reverseSweepGivesTheDerivativeOne(String name, UnaryOperator<Var> f, double at) {
        Tape t = new Tape(Graph.trace(v -> f.apply(v[0]), "x"));
        double[] v = new double[t.size()];
        double[] scratch = t.newScratch();
        t.forward(new double[] {at}, v, scratch);
        double[] adj = new double[1];
        t.backward(v, new double[] {1.0}, new double[t.size()], new boolean[t.size()], adj, scratch);
        assertEquals(1.0, adj[0], 0.0, name + " at x = " + at);
    }
}
