package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kinks: the subgradient is chosen per evaluation, and the numeric reverse sweep, the symbolic
 * gradient graph and the dynamic recorder all pick the same one.
 */
class SubgradientPolicyTest {

    /** ∂f/∂inputs at {@code x} three ways: numeric sweep, evaluated gradient graph, recorder. */
    private static double[][] threeWays(Function<Var[], Var> fn, Subgradients policy, double... x) {
        String[] names = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            names[i] = "x" + i;
        }
        Graph f = Graph.trace(fn, names);
        EvalOptions opt = EvalOptions.DEFAULT.withPolicy(policy);
        double[] numeric = f.compile().gradient(0, opt, x).toArray();
        double[] all = ReverseMode.gradientGraph(f).compile().evaluate(opt, x);
        double[] symbolic = java.util.Arrays.copyOfRange(all, 1, all.length);
        Recorder rec = new Recorder(opt);
        Var[] vs = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            vs[i] = rec.parameter(names[i], x[i]);
        }
        double[] recorded = rec.gradient(fn.apply(vs)).toArray();
        return new double[][] {numeric, symbolic, recorded};
    }

    private static void assertAllWays(double[] expected, Function<Var[], Var> fn, Subgradients policy, double... x) {
        double[][] ways = threeWays(fn, policy, x);
        assertArrayEquals(expected, ways[0], 0.0, "numeric reverse sweep");
        assertArrayEquals(expected, ways[1], 0.0, "symbolic gradient graph");
        assertArrayEquals(expected, ways[2], 0.0, "recorder");
    }

    @Test
    void defaultsAreWhatTheMajorFrameworksUse() {
        // PyTorch, JAX and TensorFlow: relu'(0) = 0, sign(0) = 0, maximum splits ties evenly
        assertEquals(new Subgradients(0.0, 0.0, 0.5), Subgradients.DEFAULT);
        assertEquals(Subgradients.DEFAULT, EvalOptions.DEFAULT.policy());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 0.3})
    void reluAtZeroFollowsThePolicy(double atZero) {
        Subgradients p = Subgradients.DEFAULT.withReluAtZero(atZero);
        assertAllWays(new double[] {atZero}, v -> v[0].relu(), p, 0.0);
        assertAllWays(new double[] {3 * atZero}, v -> v[0].relu().mul(3.0), p, 0.0);
        // away from the kink the policy does not matter
        assertAllWays(new double[] {1.0}, v -> v[0].relu(), p, 0.5);
        assertAllWays(new double[] {0.0}, v -> v[0].relu(), p, -0.5);
    }

    @Test
    void reluAtZeroIsZeroByDefault() {
        assertAllWays(new double[] {0.0}, v -> v[0].relu(), Subgradients.DEFAULT, 0.0);
        assertEquals(0.0, Graph.trace(v -> v[0].relu(), "x").compile().gradient(0.0).get("x"), 0.0);
        assertEquals(0.0, Graph.trace(v -> v[0].relu(), "x").compile().gradient(-0.0).get("x"), 0.0);
    }

    @Test
    void absAtZeroIsZeroByDefaultAndFollowsThePolicy() {
        assertAllWays(new double[] {0.0}, v -> v[0].abs(), Subgradients.DEFAULT, 0.0);
        assertAllWays(new double[] {0.5}, v -> v[0].abs(), Subgradients.DEFAULT.withAbsAtZero(0.5), 0.0);
        assertAllWays(new double[] {-1.0}, v -> v[0].abs(), Subgradients.DEFAULT.withAbsAtZero(-1.0), 0.0);
        assertAllWays(new double[] {-1.0}, v -> v[0].abs(), Subgradients.DEFAULT.withAbsAtZero(0.5), -2.0);
    }

    @Test
    void maxAndMinSplitTiesEvenlyByDefault() {
        assertAllWays(new double[] {0.5, 0.5}, v -> v[0].max(v[1]), Subgradients.DEFAULT, 1.5, 1.5);
        assertAllWays(new double[] {0.5, 0.5}, v -> v[0].min(v[1]), Subgradients.DEFAULT, 1.5, 1.5);
        // no tie: the larger (smaller) argument takes it all
        assertAllWays(new double[] {1.0, 0.0}, v -> v[0].max(v[1]), Subgradients.DEFAULT, 3.0, 1.0);
        assertAllWays(new double[] {0.0, 1.0}, v -> v[0].min(v[1]), Subgradients.DEFAULT, 3.0, 1.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 0.25})
    void tiesFollowTheTieWeight(double w) {
        Subgradients p = Subgradients.DEFAULT.withTieWeight(w);
        assertAllWays(new double[] {w, 1 - w}, v -> v[0].max(v[1]), p, -2.0, -2.0);
        assertAllWays(new double[] {w, 1 - w}, v -> v[0].min(v[1]), p, -2.0, -2.0);
        // max(x, x) = x whatever the split: the two shares add up to 1
        assertAllWays(new double[] {1.0}, v -> v[0].max(v[0]), p, 0.7);
    }

    @Test
    void theHessianOfAPiecewiseLinearFunctionIsZeroAtAKink() {
        Graph f = Graph.trace(v -> v[0].relu().add(v[0].abs()).add(v[0].max(v[1])), "x", "y");
        double[][] h = ReverseMode.hessian(f, new double[] {0.0, 0.0});
        assertArrayEquals(new double[] {0, 0}, h[0], 0.0);
        assertArrayEquals(new double[] {0, 0}, h[1], 0.0);
    }

    @Test
    void invalidPoliciesAreRejectedWithTheirValue() {
        LeibnizException relu = assertThrows(LeibnizException.class, () -> new Subgradients(1.5, 0, 0.5));
        assertTrue(relu.getMessage().contains("relu'(0)") && relu.getMessage().contains("1.5"), relu.getMessage());
        assertThrows(LeibnizException.class, () -> Subgradients.DEFAULT.withReluAtZero(-0.1));
        assertThrows(LeibnizException.class, () -> Subgradients.DEFAULT.withReluAtZero(Double.NaN));
        LeibnizException abs = assertThrows(LeibnizException.class, () -> Subgradients.DEFAULT.withAbsAtZero(1.5));
        assertTrue(abs.getMessage().contains("abs'(0)") && abs.getMessage().contains("[-1, 1]"), abs.getMessage());
        LeibnizException tie = assertThrows(LeibnizException.class, () -> Subgradients.DEFAULT.withTieWeight(2));
        assertTrue(tie.getMessage().contains("tie weight") && tie.getMessage().contains("2.0"), tie.getMessage());
        assertThrows(LeibnizException.class, () -> EvalOptions.DEFAULT.withPolicy(null));
    }

    @Test
    void kinkedPrimitivesPropagateNaNInsteadOfHidingIt() {
        // relu(NaN) = 0 or max(NaN, 1) = 1 would silently swallow an earlier failure
        Program p = Graph.trace(v -> v[0].relu(), "x").compile();
        assertTrue(Double.isNaN(p.evaluate(Double.NaN)[0]), "relu(NaN)");
        Program max = Graph.trace(v -> v[0].max(v[1]), "a", "b").compile();
        assertTrue(Double.isNaN(max.evaluate(Double.NaN, 1.0)[0]), "max(NaN, 1)");
        assertTrue(Double.isNaN(max.evaluate(1.0, Double.NaN)[0]), "max(1, NaN)");
        Program min = Graph.trace(v -> v[0].min(v[1]), "a", "b").compile();
        assertTrue(Double.isNaN(min.evaluate(Double.NaN, 1.0)[0]), "min(NaN, 1)");
        assertTrue(Double.isNaN(min.evaluate(1.0, Double.NaN)[0]), "min(1, NaN)");
        Program abs = Graph.trace(v -> v[0].abs(), "x").compile();
        assertTrue(Double.isNaN(abs.evaluate(Double.NaN)[0]), "abs(NaN)");
    }
}
