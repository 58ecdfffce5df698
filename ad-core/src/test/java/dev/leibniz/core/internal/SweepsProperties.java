package dev.leibniz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.RandomGraphs;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Sweeps}, the node-by-node sweeps other modules run graphs with: the edge partials are the
 * declarations' own partials bit for bit (0 on edges that do not exist); tangents and adjoints
 * built from them are the Jacobian and its transpose (checked against the reverse interpreter and
 * by the dot-product identity ⟨J u, w⟩ = ⟨u, Jᵀ w⟩); values and adjoints are the interpreter's.
 */
class SweepsProperties {

    @Property(tries = 200)
    void edgePartialsAreTheDeclaredPartials(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        Random rnd = new Random(seed);
        Graph g = RandomGraphs.graph(rnd);
        double[] x = point(g, rnd);
        Sweeps s = new Sweeps(g);
        double[] v = new double[g.size()];
        s.forward(x, v, Subgradients.DEFAULT, s.newScratch());
        double[] p = new double[s.edgeSlots()];
        s.partials(v, p, Subgradients.DEFAULT, s.newScratch());
        for (int i = 0; i < g.size(); i++) {
            Primitive prim = g.primitive(i);
            int k = s.arity(i);
            double[] args = new double[k];
            for (int j = 0; j < k; j++) {
                args[j] = v[g.arg(i, j)];
            }
            for (int j = 0; j < k; j++) {
                double expected = Flow.flows(prim.code(), j)
                        ? prim.partial(j, args, k, v[i], g.param(i), Subgradients.DEFAULT) : 0.0;
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(p[s.edgeStart(i) + j]),
                        "partial " + j + " of " + g.nodeListing(i));
            }
        }
    }

    @Property(tries = 200)
    void tangentsAndAdjointsAreTheJacobianAndItsTranspose(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        Random rnd = new Random(seed);
        Graph g = RandomGraphs.graph(rnd);
        double[] x = point(g, rnd);
        Sweeps s = new Sweeps(g);
        int n = g.inputCount();
        double[] v = new double[g.size()];
        s.forward(x, v, Subgradients.DEFAULT, s.newScratch());
        double[] p = new double[s.edgeSlots()];
        s.partials(v, p, Subgradients.DEFAULT, s.newScratch());
        // n lanes seeded with the identity: lane l of output j is ∂y_j/∂x_l
        double[] t = new double[g.size() * n];
        for (int l = 0; l < n; l++) {
            t[g.inputNode(l) * n + l] = 1.0;
        }
        s.tangents(p, t, n);
        // the same sweep over |partials| bounds the sum of the magnitudes of all path products, the
        // scale of the rounding error when forward and reverse sum them in different orders
        double[] abs = new double[p.length];
        for (int e = 0; e < p.length; e++) {
            abs[e] = Math.abs(p[e]);
        }
        double[] magnitude = new double[g.size() * n];
        for (int l = 0; l < n; l++) {
            magnitude[g.inputNode(l) * n + l] = 1.0;
        }
        s.tangents(abs, magnitude, n);
        Program program = g.compile();
        for (int j = 0; j < g.outputCount(); j++) {
            Gradient grad = program.gradient(j, EvalOptions.DEFAULT, x);
            for (int l = 0; l < n; l++) {
                double reverse = grad.isPresent(l) ? grad.get(l) : 0.0;
                double forward = t[g.outputNode(j) * n + l];
                double scale = Math.max(1.0, magnitude[g.outputNode(j) * n + l]);
                assertEquals(reverse, forward, 1e-12 * scale, "d" + g.outputName(j) + "/d" + g.inputName(l));
            }
        }
        // dot-product identity with one random tangent u and cotangent w
        double[] u = new double[n];
        double[] w = new double[g.outputCount()];
        double[] t1 = new double[g.size()];
        for (int l = 0; l < n; l++) {
            u[l] = rnd.nextGaussian();
            t1[g.inputNode(l)] = u[l];
        }
        s.tangents(p, t1, 1);
        double[] a = new double[g.size()];
        double jvpDotW = 0;
        for (int j = 0; j < w.length; j++) {
            w[j] = rnd.nextGaussian();
            a[g.outputNode(j)] += w[j];
            jvpDotW += t1[g.outputNode(j)] * w[j];
        }
        s.adjoints(p, a, 1);
        double uDotVjp = 0;
        for (int l = 0; l < n; l++) {
            uDotVjp += u[l] * a[g.inputNode(l)];
        }
        double bound = 0;
        for (int j = 0; j < w.length; j++) {
            for (int l = 0; l < n; l++) {
                bound += Math.abs(w[j]) * magnitude[g.outputNode(j) * n + l] * Math.abs(u[l]);
            }
        }
        assertEquals(jvpDotW, uDotVjp, 1e-12 * Math.max(1.0, bound), "<J u, w> = <u, J^T w>");
    }

    @Test
    void strongZeroGivesTheDerivativeOfTheFunctionNearAZeroPartialTimesAnInfiniteFactor() {
        // f = sqrt(relu(x)) + x equals x near x = -1: df/dx = 1 in every direction of every sweep
        Graph g = Graph.trace(in -> in[0].relu().sqrt().add(in[0]), "x");
        Sweeps s = new Sweeps(g);
        double[] v = new double[g.size()];
        s.forward(new double[] {-1}, v, Subgradients.DEFAULT, s.newScratch());
        double[] p = new double[s.edgeSlots()];
        s.partials(v, p, Subgradients.DEFAULT, s.newScratch());
        double[] t = new double[g.size()];
        t[g.inputNode(0)] = 1;
        s.tangents(p, t, 1);
        assertEquals(1.0, t[g.outputNode(0)]);
        double[] a = new double[g.size()];
        a[g.outputNode(0)] = 1;
        s.adjoints(p, a, 1);
        assertEquals(1.0, a[g.inputNode(0)]);
        double[] adj = new double[g.size()];
        boolean[] reach = new boolean[g.size()];
        adj[g.outputNode(0)] = 1;
        reach[g.outputNode(0)] = true;
        s.backward(v, adj, reach, Subgradients.DEFAULT, s.newScratch());
        assertEquals(1.0, adj[g.inputNode(0)]);
        assertEquals(1.0, g.compile().gradient(-1).get(0), "the interpreter's reverse mode");
    }

    @Test
    void matrixGraphsAreRefusedWithTheNodeNamed() {
        Graph g = Graph.trace(in -> in[0].transpose().sumAll(), new String[] {"A"}, new Shape[] {new Shape(2, 3)});
        ShapeException e = assertThrows(ShapeException.class, () -> new Sweeps(g));
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        assertTrue(e.getMessage().contains("%0"), e.getMessage());
    }

    private static double[] point(Graph g, Random rnd) {
        double[] x = new double[g.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * 2;
        }
        return x;
    }

    @Test
    void aRangeOfNodesSweepsLikeTheWhole() {
        Graph g = RandomGraphs.graph(new Random(11));
        Sweeps s = new Sweeps(g);
        double[] x = point(g, new Random(12));
        double[] whole = new double[g.size()];
        double[] parts = new double[g.size()];
        s.forward(x, whole, Subgradients.DEFAULT, s.newScratch());
        int mid = g.size() / 2;
        s.forward(0, mid, x, parts, Subgradients.DEFAULT, s.newScratch());
        s.forward(mid, g.size(), x, parts, Subgradients.DEFAULT, s.newScratch());
        assertTrue(Arrays.equals(whole, parts));
    }
}
