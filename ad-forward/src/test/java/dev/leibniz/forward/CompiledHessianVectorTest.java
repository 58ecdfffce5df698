package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.ForwardMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * The compiled Hessian–vector product against closed forms, the unscheduled and unoptimized JVP
 * graph evaluated by the interpreter (bit for bit), and central differences of the gradient.
 */
class CompiledHessianVectorTest {
    /** Extended Rosenbrock: Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})². */
    private static Graph rosenbrock(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var sum = null;
        for (int i = 0; i + 1 < n; i += 2) {
            Var t = x[i + 1].sub(x[i].square()).square().mul(100).add(x[i].neg().add(1).square());
            sum = sum == null ? t : sum.add(t);
        }
        return b.build("f", sum);
    }

    private static double[] point(int n, double shift) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? -1.2 : 1.0) + shift * Math.sin(i + 1.0);
        }
        return x;
    }

    @Test
    void rosenbrockMatchesTheClosedFormAndTheInterpretedGraphBitForBit() {
        int n = 200;
        Graph f = rosenbrock(n);
        CompiledHessianVector h = CompiledHessianVector.of(f);
        var interpreted = ForwardMode.jvpGraph(ReverseMode.gradientGraph(f)).compile();
        CompiledHessianVector.Workspace ws = h.newWorkspace();
        double[] hv = new double[n];
        double[] grad = new double[n];
        for (int call = 0; call < 3; call++) {
            double[] x = point(n, 0.1 * call);
            double[] v = point(n, 1.0 + call);
            double value = h.hvp(x, v, hv, grad, ws);
            double[] in = new double[2 * n];
            System.arraycopy(x, 0, in, 0, n);
            System.arraycopy(v, 0, in, n, n);
            double[] expected = interpreted.evaluate(EvalOptions.DEFAULT, in);
            assertEquals(Double.doubleToRawLongBits(expected[0]), Double.doubleToRawLongBits(value), "f, call " + call);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[1 + i]), Double.doubleToRawLongBits(grad[i]),
                        "gradient " + i + ", call " + call);
                assertEquals(Double.doubleToRawLongBits(expected[n + 2 + i]), Double.doubleToRawLongBits(hv[i]),
                        "H·v " + i + ", call " + call);
            }
            for (int i = 0; i + 1 < n; i += 2) {
                double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                double hij = -400 * x[i];
                assertEquals(hii * v[i] + hij * v[i + 1], hv[i], 1e-10 * Math.max(1, Math.abs(hv[i])));
                assertEquals(hij * v[i] + 200 * v[i + 1], hv[i + 1], 1e-10 * Math.max(1, Math.abs(hv[i + 1])));
            }
        }
        assertTrue(h.graph().size() < ForwardMode.jvpGraph(ReverseMode.gradientGraph(f)).size(),
                "the compiled graph is simplified");
    }

    /** Σ over pairs of |x_{2i} − x_{2i+1}|·x_{2i} + max(x_{2i+1}, 0.5)² + exp(x_{2i})·sin(x_{2i+1}): kinks and transcendental partials. */
    private static Graph kinked(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var sum = null;
        for (int i = 0; i + 1 < n; i += 2) {
            Var t = x[i].sub(x[i + 1]).abs().mul(x[i]).add(x[i + 1].max(x[0].constant(0.5)).square())
                    .add(x[i].exp().mul(x[i + 1].sin()));
            sum = sum == null ? t : sum.add(t);
        }
        return b.build("f", sum);
    }

    /**
     * The product without the gradient runs a pruned graph (outputs f and H·v only): its f and H·v
     * are those of the full, unscheduled, unoptimized JVP graph evaluated by the interpreter, bit
     * for bit — at ordinary points and at poisoned ones (NaN, ±∞, ±0, subnormals, the kinks of abs
     * and max), in directions with the same specials — and those of a call with the gradient.
     * Bits as the contract tests compare them ({@code doubleToLongBits}: every NaN is one NaN; the
     * sign of a NaN is not specified by IEEE 754 arithmetic and differs between JIT-compiled code
     * and the interpreter).
     */
    @Test
    void theProductWithoutTheGradientIsTheFullGraphsBitForBitAtPoisonedPoints() {
        int n = 40;
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, -Double.MIN_NORMAL / 3, 0.5, 1.0, -1.2, 1e300, -1e-310};
        for (Graph f : new Graph[] {rosenbrock(n), kinked(n)}) {
            CompiledHessianVector h = CompiledHessianVector.of(f);
            var interpreted = ForwardMode.jvpGraph(ReverseMode.gradientGraph(f)).compile();
            CompiledHessianVector.Workspace ws = h.newWorkspace();
            java.util.Random random = new java.util.Random(14);
            for (int call = 0; call < 40; call++) {
                double[] x = point(n, 0.3 * call);
                double[] v = point(n, 1.0 + call);
                for (int k = 0; k < n; k++) {
                    if (call > 0 && random.nextInt(4) == 0) {
                        x[k] = specials[random.nextInt(specials.length)];
                    }
                    if (call > 0 && random.nextInt(6) == 0) {
                        v[k] = specials[random.nextInt(specials.length)];
                    }
                    if (call > 0 && k % 2 == 1 && random.nextInt(5) == 0) {
                        x[k] = random.nextBoolean() ? x[k - 1] : 0.5;      // on the kinks of abs and max
                    }
                }
                double[] hv = new double[n];
                double value = h.hvp(x, v, hv, null, ws);
                double[] in = new double[2 * n];
                System.arraycopy(x, 0, in, 0, n);
                System.arraycopy(v, 0, in, n, n);
                double[] expected = interpreted.evaluate(EvalOptions.DEFAULT, in);
                assertEquals(Double.doubleToLongBits(expected[0]), Double.doubleToLongBits(value), "f, call " + call);
                double[] withGradient = new double[n];
                double value2 = h.hvp(x, v, withGradient, new double[n], ws);
                assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(value2), "f, call " + call);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToLongBits(expected[n + 2 + i]), Double.doubleToLongBits(hv[i]),
                            "H·v " + i + ", call " + call + ", x = " + x[i] + ", v = " + v[i]);
                    assertEquals(Double.doubleToRawLongBits(hv[i]), Double.doubleToRawLongBits(withGradient[i]),
                            "H·v " + i + " with the gradient, call " + call);
                }
            }
        }
    }

    @Test
    void aNonSeparableFunctionAgreesWithCentralDifferencesOfItsGradient() {
        // f = log(1 + Σ x_i²) · sin(x_0 x_{n-1}) + Σ exp(x_i x_{i+1} / 4): every pair couples
        int n = 7;
        Graph f = Graph.trace(x -> {
            Var s = x[0].square();
            for (int i = 1; i < x.length; i++) {
                s = s.add(x[i].square());
            }
            Var g = s.add(1).log().mul(x[0].mul(x[x.length - 1]).sin());
            for (int i = 0; i + 1 < x.length; i++) {
                g = g.add(x[i].mul(x[i + 1]).div(4).exp());
            }
            return g;
        }, "a", "b", "c", "d", "e", "g", "h");
        double[] x = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 0.5};
        double[] v = {1, -2, 0.5, 0.25, 3, -1, 0.75};
        double[] hv = CompiledHessianVector.of(f).hvp(x, v);
        var gradient = f.compile();
        double eps = 1e-5;
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) {
            plus[i] = x[i] + eps * v[i];
            minus[i] = x[i] - eps * v[i];
        }
        double[] gp = gradient.gradient(plus).toArray();
        double[] gm = gradient.gradient(minus).toArray();
        for (int i = 0; i < n; i++) {
            double fd = (gp[i] - gm[i]) / (2 * eps);
            assertEquals(fd, hv[i], 1e-7 * Math.max(1, Math.abs(fd)), "(H·v)[" + i + "]");
        }
    }

    @Test
    void badShapesAndForeignWorkspacesAreRefusedByName() {
        Graph f = rosenbrock(4);
        CompiledHessianVector h = CompiledHessianVector.of(f);
        ShapeException e = assertThrows(ShapeException.class, () -> h.hvp(new double[3], new double[4]));
        assertTrue(e.getMessage().contains("x has 3 entries") && e.getMessage().contains("4 inputs"), e.getMessage());
        CompiledHessianVector other = CompiledHessianVector.of(f);
        GraphException foreign = assertThrows(GraphException.class,
                () -> h.hvp(new double[4], new double[4], new double[4], null, other.newWorkspace()));
        assertTrue(foreign.getMessage().contains("workspace"), foreign.getMessage());
        Graph matrix = Graph.trace(m -> m[0].square().sumAll(), new String[] {"W"}, new Shape[] {new Shape(2, 2)});
        assertThrows(ShapeException.class, () -> CompiledHessianVector.of(matrix));
    }
}
