package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.junit.jupiter.api.Test;

/** Graphs that mix scalar and matrix nodes, through every way of building, running and differentiating them. */
class TensorGraphTest {
    private static final double H = 1e-6;
    private static final Shape X = new Shape(4, 3);
    private static final Shape W = new Shape(3, 2);
    private static final Shape B = new Shape(1, 2);

    /** loss = mean(tanh(X·W + b)²) + λ·Σ W²: matrix and scalar inputs, broadcasting, a fan-out of W. */
    static Var loss(Var x, Var w, Var b, Var lambda) {
        Var h = x.matmul(w).add(b).tanh();
        return h.square().mean().add(lambda.mul(w.square().sumAll()));
    }

    static Graph lossGraph() {
        GraphBuilder g = GraphBuilder.tracing();
        Var out = loss(g.input("x", X), g.input("w", W), g.input("b", B), g.input("lambda"));
        return g.build("loss", out);
    }

    static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    static double[][] point(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new double[][] {random(r, 12), random(r, 6), random(r, 2), {0.3}};
    }

    /** Central differences of output 0 with respect to every element of every input. */
    static double[][] finiteDifferences(Program p, double[][] in) {
        double[][] g = new double[in.length][];
        for (int k = 0; k < in.length; k++) {
            g[k] = new double[in[k].length];
            for (int e = 0; e < in[k].length; e++) {
                double keep = in[k][e];
                in[k][e] = keep + H;
                double plus = p.evaluate(in)[0][0];
                in[k][e] = keep - H;
                double minus = p.evaluate(in)[0][0];
                in[k][e] = keep;
                g[k][e] = (plus - minus) / (2 * H);
            }
        }
        return g;
    }

    @Test
    void gradientOfMixedGraphMatchesFiniteDifferencesSymbolicAndRecorded() {
        Graph f = lossGraph();
        Program p = f.compile();
        double[][] in = point(1);
        Gradient g = p.gradient(in);
        double[][] fd = finiteDifferences(p, in);
        double[][] symbolic = ReverseMode.gradientGraph(f).compile().evaluate(in);

        Recorder rec = new Recorder();
        Var x = rec.constant(in[0], X);
        Var w = rec.parameter("w", in[1], W);
        Var b = rec.parameter("b", in[2], B);
        Var lambda = rec.parameter("lambda", in[3][0]);
        Var l = loss(x, w, b, lambda);
        Gradient dyn = rec.gradient(l);

        assertEquals(symbolic[0][0], g.value(), 1e-15);
        assertEquals(g.value(), dyn.value(), 1e-15);
        for (int k = 0; k < in.length; k++) {
            assertEquals(f.inputShape(k), g.shape(k));
            for (int e = 0; e < in[k].length; e++) {
                assertEquals(fd[k][e], g.array(k)[e], 1e-8, g.name(k) + "[" + e + "] vs finite differences");
            }
            assertArrayEquals(g.array(k), symbolic[k + 1], 1e-14, "symbolic gradient of " + g.name(k));
        }
        assertArrayEquals(g.array("w"), dyn.array("w"), 1e-15);
        assertArrayEquals(g.array("b"), dyn.array("b"), 1e-15);
        assertEquals(g.get("lambda"), dyn.get("lambda"), 1e-15);
    }

    @Test
    void matrixProductAgreesWithHipparchus() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] a = new double[5][7];
        double[][] c = new double[7][3];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble(-1, 1);
            }
        }
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble(-1, 1);
            }
        }
        double[][] expected = new Array2DRowRealMatrix(a).multiply(new Array2DRowRealMatrix(c)).getData();
        Graph g = Graph.trace(v -> v[0].matmul(v[1]), new String[] {"a", "c"}, new Shape[] {new Shape(5, 7), new Shape(7, 3)});
        double[] out = g.compile().evaluate(flatten(a), flatten(c))[0];
        assertArrayEquals(flatten(expected), out, 1e-14);
    }

    static double[] flatten(double[][] m) {
        double[] v = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, v, i * m[0].length, m[0].length);
        }
        return v;
    }

    @Test
    void tiedWeightGetsTheSumOfBothUses() {
        // encoder h = tanh(X·W), decoder X̂ = h·Wᵀ (tied), L = Σ (X̂ − X)²
        Shape x = new Shape(5, 4);
        Shape w = new Shape(4, 3);
        Graph tied = Graph.trace(v -> v[0].matmul(v[1]).tanh().matmul(v[1].transpose()).sub(v[0]).square().sumAll(),
                new String[] {"x", "w"}, new Shape[] {x, w});
        Graph untied = Graph.trace(v -> v[0].matmul(v[1]).tanh().matmul(v[2].transpose()).sub(v[0]).square().sumAll(),
                new String[] {"x", "enc", "dec"}, new Shape[] {x, w, w});
        SplittableRandom r = new SplittableRandom(3);
        double[] xs = random(r, 20);
        double[] ws = random(r, 12);
        double[] tiedGrad = tied.compile().gradient(xs, ws).array("w");
        Gradient parts = untied.compile().gradient(xs, ws, ws);
        for (int e = 0; e < 12; e++) {
            assertEquals(parts.array("enc")[e] + parts.array("dec")[e], tiedGrad[e], 1e-12);
        }
        assertNotEquals(0.0, parts.array("enc")[0]);
        assertNotEquals(0.0, parts.array("dec")[0]);
    }

    @Test
    void hessianVectorProductByReverseOverReverse() {
        // g(w) = ∇_w loss; d/dε ⟨u, g(w + ε v)⟩ = ⟨u, H v⟩ = ∇_w ⟨u, g(w)⟩ · v
        Graph f = lossGraph();
        Graph grad = ReverseMode.gradientGraph(f);
        GraphBuilder b = GraphBuilder.tracing();
        Var[] m = ReverseMode.replay(grad, b);
        Var u = b.input("u", W);
        Var inner = m[grad.outputNode(grad.outputIndex("dloss/dw"))].mul(u).sumAll();
        Graph uTg = b.build("uTg", inner);
        SplittableRandom r = new SplittableRandom(4);
        double[][] in = point(5);
        double[] uv = random(r, 6);
        double[][] withU = {in[0], in[1], in[2], in[3], uv};
        double[] hu = uTg.compile().gradient(withU).array("w");
        Program gp = grad.compile();
        for (int e = 0; e < 6; e++) {
            double keep = in[1][e];
            in[1][e] = keep + H;
            double[] gPlus = gp.evaluate(in)[2];
            in[1][e] = keep - H;
            double[] gMinus = gp.evaluate(in)[2];
            in[1][e] = keep;
            double fd = 0;
            for (int i = 0; i < 6; i++) {
                fd += uv[i] * (gPlus[i] - gMinus[i]) / (2 * H);
            }
            assertEquals(fd, hu[e], 1e-7, "(H u)[" + e + "]");
        }
    }

    @Test
    void workspaceGradientsOnlyForTheNamedInputsAndReused() {
        Graph f = lossGraph();
        Program p = f.compile();
        Workspace ws = p.newWorkspace("w", "b");
        double[][] grads = {new double[12], new double[6], new double[2], new double[1]};
        grads[0][0] = 42; // not differentiated: left as it is
        for (long seed = 10; seed < 13; seed++) {
            double[][] in = point(seed);
            double v = p.valueAndGradient(ws, in, grads, EvalOptions.DEFAULT);
            Gradient full = p.gradient(in);
            assertEquals(full.value(), v, 0.0);
            assertArrayEquals(full.array("w"), grads[1], 0.0);
            assertArrayEquals(full.array("b"), grads[2], 0.0);
            assertEquals(42, grads[0][0], 0.0);
            assertEquals(0.0, grads[3][0], 0.0);
            assertArrayEquals(new double[] {v}, ws.output(0), 0.0);
        }
    }

    @Test
    void dynamicIfGivesAbsentMatrixGradientStaticSelectGivesZero() {
        Recorder rec = new Recorder();
        Var a = rec.parameter("a", new double[] {1, 2, 3, 4}, new Shape(2, 2));
        Var c = rec.parameter("c", new double[] {5, 6, 7, 8}, new Shape(2, 2));
        Var s = rec.parameter("s", 1.0);
        Var y = (s.value() > 0 ? a : c).mul(s).sumAll();
        Gradient g = rec.gradient(y);
        assertTrue(g.isPresent("a"));
        assertFalse(g.isPresent("c"));
        assertArrayEquals(new double[] {1, 1, 1, 1}, g.array("a"), 0.0);
        assertEquals(10.0, g.get("s"), 0.0);

        Graph f = Graph.trace(v -> Var.select(v[2].gt(0.0), v[0], v[1]).mul(v[2]).sumAll(),
                new String[] {"a", "c", "s"}, new Shape[] {new Shape(2, 2), new Shape(2, 2), Shape.SCALAR});
        Gradient st = f.compile().gradient(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}, new double[] {1});
        assertTrue(st.isPresent("c"));
        assertArrayEquals(new double[4], st.array("c"), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, st.array("a"), 0.0);
    }

    @Test
    void elementwiseSelectOnMatricesPicksPerElement() {
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0], v[0].mul(0.1)), new String[] {"x"},
                new Shape[] {new Shape(1, 4)});
        double[] out = f.compile().evaluate(new double[][] {{-2, -1, 1, 2}})[0];
        assertArrayEquals(new double[] {-0.2, -0.1, 1, 2}, out, 1e-15);
    }

    @Test
    void anomalyDetectionNamesNodeAndElement() {
        Graph f = Graph.trace(v -> v[0].log().sumAll(), new String[] {"x"}, new Shape[] {new Shape(2, 2)});
        EvalOptions check = EvalOptions.DEFAULT.withAnomalyDetection(true);
        AnomalyException e = assertThrows(AnomalyException.class,
                () -> f.compile().evaluate(check, new double[][] {{1, 2, -3, 4}}));
        assertEquals(1, e.node());
        assertFalse(e.inBackwardPass());
        assertEquals("anomaly in forward pass: node %1 (log) produced NaN at element (1, 0) of 2x2 from finite arguments",
                e.getMessage());

        // backward: sqrt at 0 has a finite value and an infinite derivative
        Graph g = Graph.trace(v -> v[0].sqrt().sumAll(), new String[] {"x"}, new Shape[] {new Shape(1, 3)});
        AnomalyException b = assertThrows(AnomalyException.class,
                () -> g.compile().gradient(0, check, new double[][] {{1, 0, 4}}));
        assertTrue(b.inBackwardPass());
        assertEquals(1, b.node());
        assertTrue(b.getMessage().contains("sqrt") && b.getMessage().contains("element (0, 1) of 1x3"), b.getMessage());
    }

    @Test
    void listingShowsShapesOfMatrixNodesOnly() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x", new Shape(2, 3));
        Var w = b.input("w", new Shape(3, 1));
        Var c = b.constant(new double[] {1, 2}, new Shape(2, 1));
        Var out = x.matmul(w).add(c).sumAll().mul(2.0);
        Graph g = b.build("f", out);
        assertEquals("""
                graph (x, w) -> (f)
                  %0 = input x : 2x3
                  %1 = input w : 3x1
                  %2 = tensor [1, 2] : 2x1
                  %3 = matmul %0 %1 : 2x1
                  %4 = add %3 %2 : 2x1
                  %5 = sum_to 1x1 %4
                  %6 = const 2
                  %7 = mul %5 %6
                  f = %7
                """, g.toString());
    }

    @Test
    void matrixConstantsSurviveTransformationsAndHaveDistinctParameters() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x", new Shape(1, 2));
        Var c1 = b.constant(new double[] {1, 2}, new Shape(1, 2));
        Var c2 = b.constant(new double[] {1, 3}, new Shape(1, 2));
        Graph g = b.build("f", x.mul(c1).add(c2).square().sumAll());
        assertNotEquals(g.param(c1.node()), g.param(c2.node()), "different matrices, different parameters");
        assertArrayEquals(new double[] {1, 3}, g.constantValues(c2.node()), 0.0);
        // f = (x0 + 1)² + (2 x1 + 3)²; ∂f/∂x = (2(x0 + 1), 4(2 x1 + 3))
        double[][] out = ReverseMode.gradientGraph(g).compile().evaluate(new double[][] {{0.5, -1}});
        assertEquals(1.5 * 1.5 + 1, out[0][0], 1e-15);
        assertArrayEquals(new double[] {3, 4}, out[1], 1e-15);
    }

    @Test
    void scalarEntryPointsWorkWhenOnlyTheInsideIsMatrix() {
        // f(s) = Σ_{2×2} (s·1)² = 4 s²
        Graph f = Graph.trace(v -> v[0].broadcastTo(new Shape(2, 2)).square().sumAll(), "s");
        assertTrue(f.hasMatrices());
        assertEquals(4 * 9.0, f.evaluate(3.0)[0], 0.0);
        Gradient g = f.compile().gradient(3.0);
        assertEquals(24.0, g.get("s"), 0.0);
        assertEquals(24.0, ReverseMode.gradientGraph(f).evaluate(3.0)[1], 0.0);
        Recorder rec = new Recorder();
        Var s = rec.parameter("s", 3.0);
        assertEquals(24.0, rec.gradient(s.broadcastTo(new Shape(2, 2)).square().sumAll()).get("s"), 0.0);
    }

    @Test
    void errorsNameWhatIsWrong() {
        GraphBuilder b = GraphBuilder.tracing();
        Var a = b.input("a", new Shape(2, 3));
        Var c = b.input("c", new Shape(4, 5));
        assertEquals("shape mismatch in 'matmul': 2x3 and 4x5 (inner dimensions 3 and 4 differ)",
                assertThrows(ShapeException.class, () -> a.matmul(c)).getMessage());
        Graph g = b.build("f", a.sumAll());
        assertThrows(ShapeException.class, () -> ReverseMode.gradientGraph(b.build("m", a)));
        Program p = g.compile();
        GraphException wrongSize = assertThrows(GraphException.class, () -> p.evaluate(new double[5], new double[20]));
        assertEquals("input 'a' has shape 2x3 (6 values), got 5 values", wrongSize.getMessage());
        assertThrows(GraphException.class, () -> p.evaluate(1.0, 2.0));
        Recorder rec = new Recorder();
        Var m = rec.parameter("m", new double[] {1, 2}, new Shape(1, 2));
        assertThrows(GraphException.class, m::value);
        assertArrayEquals(new double[] {1, 2}, m.values(), 0.0);
        assertEquals("the loss is a 1x2 matrix; a gradient needs a scalar loss (sum or average it)",
                assertThrows(GraphException.class, () -> rec.gradient(m)).getMessage());
        assertEquals("the loss was not recorded by this recorder",
                assertThrows(GraphException.class, () -> new Recorder().gradient(m)).getMessage());
        assertThrows(GraphException.class, () -> rec.parameter("bad", new double[3], new Shape(2, 2)));
    }

    /**
     * One recorder used again after {@link Recorder#clear()}, with a matrix of another size each
     * time, reuses or replaces its adjoint arrays: every gradient is the closed form of
     * L = s·Σ aᵢⱼ² (∂L/∂a = 2s·a, ∂L/∂s = Σ aᵢⱼ²), bit for bit what a fresh recorder gives.
     */
    @Test
    void aRecorderReusedAfterClearGivesFreshGradients() {
        Recorder reused = new Recorder();
        double[][] as = {{1, 2, 3, 4}, {-1, 0.5, 2, -3, 4, 5}, {7, -2}};
        Shape[] shapes = {new Shape(2, 2), new Shape(2, 3), new Shape(1, 2)};
        double[] ss = {1.5, -2, 0.25};
        for (int round = 0; round < as.length; round++) {
            Gradient again = squares(reused, as[round], shapes[round], ss[round]);
            Gradient fresh = squares(new Recorder(), as[round], shapes[round], ss[round]);
            double sum = 0;
            double[] expected = new double[as[round].length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = 2 * ss[round] * as[round][i];
                sum += as[round][i] * as[round][i];
            }
            assertArrayEquals(expected, again.array("a"), 1e-15, "round " + round);
            assertEquals(sum, again.get("s"), 1e-12, "round " + round);
            assertEquals(ss[round] * sum, again.value(), 1e-12, "round " + round);
            assertArrayEquals(fresh.array("a"), again.array("a"), 0.0, "round " + round);
            assertEquals(fresh.get("s"), again.get("s"), 0.0, "round " + round);
            assertFalse(again.isPresent("unused"), "round " + round);
            reused.clear();
        }
    }

    /** L = s·Σ aᵢⱼ² recorded on {@code rec}, with an unused parameter recorded before it. */
    private static Gradient squares(Recorder rec, double[] a, Shape shape, double s) {
        rec.parameter("unused", new double[] {9, 9}, new Shape(1, 2));
        Var av = rec.parameter("a", a, shape);
        Var sv = rec.parameter("s", s);
        return rec.gradient(av.mul(av).sumAll().mul(sv));
    }

    @Test
    void batchedCrossEntropyIsTheMeanOfPerRowClosedForms() {
        double[] logits = {1, 2, 3, 0, 0, 5, -1, 4, 1000};
        double[] targets = {2, 0, 1};
        Graph f = Graph.trace(v -> v[0].softmaxCrossEntropy(v[1]).mean(), new String[] {"z", "t"},
                new Shape[] {new Shape(3, 3), new Shape(3, 1)});
        Gradient g = f.compile().gradient(logits, targets);
        double expected = 0;
        double[] grad = new double[9];
        for (int i = 0; i < 3; i++) {
            double m = Math.max(logits[3 * i], Math.max(logits[3 * i + 1], logits[3 * i + 2]));
            double lse = Math.log(Math.exp(logits[3 * i] - m) + Math.exp(logits[3 * i + 1] - m)
                    + Math.exp(logits[3 * i + 2] - m)) + m;
            expected += (lse - logits[3 * i + (int) targets[i]]) / 3;
            for (int j = 0; j < 3; j++) {
                grad[3 * i + j] = (Math.exp(logits[3 * i + j] - lse) - (j == targets[i] ? 1 : 0)) / 3;
            }
        }
        assertEquals(expected, g.value(), 1e-12);
        assertArrayEquals(grad, g.array("z"), 1e-15);
        assertTrue(Double.isFinite(g.value()));
    }

    @Test
    void rebuiltGraphsKeepShapesThroughVjpGraph() {
        Graph f = lossGraph();
        Graph vjp = ReverseMode.vjpGraph(f);
        assertEquals(Shape.SCALAR, vjp.inputShape(vjp.inputIndex("ct_loss")));
        assertEquals(W, vjp.outputShape(vjp.outputIndex("vjp_w")));
        double[][] in = point(8);
        double[][] withCt = {in[0], in[1], in[2], in[3], {2.0}};
        double[][] out = vjp.compile().evaluate(withCt);
        double[] w = f.compile().gradient(in).array("w");
        for (int e = 0; e < 6; e++) {
            assertEquals(2 * w[e], out[1][e], 1e-14);
        }
        Map<String, Var> two = new LinkedHashMap<>();
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x", new Shape(2, 2));
        two.put("m", x.mul(2.0));
        two.put("s", x.sumAll());
        double[][] adj = b.build(two).compile().vjp(new double[][] {{1, 2, 3, 4}},
                new double[][] {{1, 0, 0, 1}, {3}});
        assertArrayEquals(new double[] {5, 3, 3, 5}, adj[0], 0.0);
    }

    @Test
    void lstmStyleGateSlicingRoundTrips() {
        // the four gates of an LSTM come from one product and are sliced apart; their gradient is put back together
        Function<Var[], Var> f = v -> {
            Var z = v[0].matmul(v[1]);
            Var i = z.sliceCols(0, 2).sigmoid();
            Var g = z.sliceCols(2, 4).tanh();
            return Var.concat(1, i.mul(g), z.sliceCols(1, 3)).sumAll();
        };
        Graph graph = Graph.trace(f, new String[] {"x", "w"}, new Shape[] {new Shape(3, 2), new Shape(2, 4)});
        double[][] in = {random(new SplittableRandom(9), 6), random(new SplittableRandom(10), 8)};
        Gradient g = graph.compile().gradient(in);
        double[][] fd = finiteDifferences(graph.compile(), in);
        assertArrayEquals(fd[1], g.array("w"), 1e-8);
        assertArrayEquals(fd[0], g.array("x"), 1e-8);
    }
}
