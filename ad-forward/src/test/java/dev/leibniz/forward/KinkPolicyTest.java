package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At a kink every mode picks the same subgradient under the same policy: the numeric reverse
 * sweep, the numeric forward sweep (one and several lanes), the JVP graph, the Jacobian drivers,
 * Dual and DualVector. The expected values are the policy's own numbers.
 */
class KinkPolicyTest {

    /** Derivatives of f at x by every forward route and by reverse mode, all under {@code policy}. */
    private static double[] allModes(Graph f, double[] x, int input, Subgradients policy) {
        EvalOptions opt = EvalOptions.DEFAULT.withPolicy(policy);
        double reverse = f.compile().gradient(0, opt, x).get(input);
        double[] seed = new double[x.length];
        seed[input] = 1.0;
        double forward = ForwardProgram.prepare(f, 1, opt).jvp(x, seed)[0][0];
        ForwardProgram three = ForwardProgram.prepare(f, 3, opt);
        TangentLanes ws = three.newWorkspace();
        three.values(x, ws);
        three.unitTangents(input, ws);
        double lanes = three.outputTangent(ws, 0, 0);
        double[] in = new double[2 * x.length];
        System.arraycopy(x, 0, in, 0, x.length);
        in[x.length + input] = 1.0;
        double graph = JvpGraph.of(f).compile().evaluate(opt, in)[1];
        ForwardProgram two = ForwardProgram.prepare(f, 2, opt);
        double jacF = Jacobians.jacobianForward(two, two.newWorkspace(), x, null).get(0, input);
        return new double[] {reverse, forward, lanes, graph, jacF, Jacobians.jacobianReverse(f, x, opt).get(0, input)};
    }

    private static void assertAll(double expected, double[] got, String what) {
        String[] modes = {"reverse", "forward", "forward with lanes", "JVP graph", "jacobianForward", "jacobianReverse"};
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected, got[i], 1e-15, what + " by " + modes[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 0.3})
    void reluAtZero(double r) {
        Subgradients p = Subgradients.DEFAULT.withReluAtZero(r);
        Graph f = Graph.trace(v -> v[0].relu(), "x");
        assertAll(r, allModes(f, new double[] {0.0}, 0, p), "relu'(0)");
        // through a chain: d/dx relu(x·y) at x = 0, y = 2 is 2·relu'(0)
        Graph g = Graph.trace(v -> v[0].mul(v[1]).relu().add(v[1]), "x", "y");
        assertAll(2 * r, allModes(g, new double[] {0.0, 2.0}, 0, p), "d relu(xy)/dx");
        assertEquals(r, Dual.variable(0.0).relu(p).tangent(), 0.0);
        assertEquals(r, DualVectorOps.relu(DualVector.variable(0.0, 2, 1), new DualVector(2), p).tangent(1), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, 0.5})
    void absAtZero(double a) {
        Subgradients p = Subgradients.DEFAULT.withAbsAtZero(a);
        Graph f = Graph.trace(v -> v[0].abs().mul(3.0), "x");
        assertAll(3 * a, allModes(f, new double[] {0.0}, 0, p), "3·abs'(0)");
        assertEquals(a, Dual.variable(0.0).abs(p).tangent(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 0.3})
    void maxAndMinAtATie(double w) {
        Subgradients p = Subgradients.DEFAULT.withTieWeight(w);
        Graph max = Graph.trace(v -> v[0].max(v[1]), "x", "y");
        Graph min = Graph.trace(v -> v[0].min(v[1]), "x", "y");
        double[] tie = {1.5, 1.5};
        assertAll(w, allModes(max, tie, 0, p), "∂max/∂a at a tie");
        assertAll(1 - w, allModes(max, tie, 1, p), "∂max/∂b at a tie");
        assertAll(w, allModes(min, tie, 0, p), "∂min/∂a at a tie");
        assertAll(1 - w, allModes(min, tie, 1, p), "∂min/∂b at a tie");
        Dual a = Dual.variable(1.5);
        Dual b = Dual.constant(1.5);
        assertEquals(w, a.max(b, p).tangent(), 0.0);
        assertEquals(w, a.min(b, p).tangent(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 0.3})
    void hessianVectorProductAtAKinkUsesThePolicyInTheGradientGraph(double r) {
        // f = x·relu(x): f' = relu(x) + x·step(x), f'' = 2·step(x) away from 0 and, at 0, 2·relu'(0)
        Subgradients p = Subgradients.DEFAULT.withReluAtZero(r);
        Graph f = Graph.trace(v -> v[0].mul(v[0].relu()), "x");
        HessianProgram hp = HessianProgram.prepare(f, 0, 1, EvalOptions.DEFAULT.withPolicy(p));
        assertEquals(2 * r, hp.hvp(new double[] {0.0}, new double[] {1.0})[0], 0.0);
        assertEquals(2.0, hp.hvp(new double[] {0.5}, new double[] {1.0})[0], 0.0);
        assertEquals(0.0, hp.hvp(new double[] {-0.5}, new double[] {1.0})[0], 0.0);
    }
}
