package dev.leibniz.sparse;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.UnaryPrimitive;
import java.util.Arrays;

/**
 * A graph linearized at a point, for vector-Jacobian products with several lanes side by side:
 * one forward pass stores every node's value and every edge's local partial ∂y_i/∂x_k; after
 * that, each reverse sweep is plain multiply-adds over the edge arrays — no primitive is called
 * again, and all w lanes (row colors) share one sweep. ad-core's {@code Program.backward} does
 * one cotangent per sweep and allocates its adjoint array per call; this is its multi-lane,
 * allocation-free counterpart for compressed Jacobians. (Column compression uses ad-forward's
 * {@code ForwardProgram} lanes instead.)
 *
 * <p>Lanes are laid out node-major, {@code lanes[node·w + l]}, so each edge touches w
 * contiguous doubles. Only nodes with a path to the chosen outputs are visited.
 *
 * <p>Conventions, the same as ad-core's {@code Engine}: values and partials come from the same
 * primitive calls with the same arguments (so they are bitwise identical); per lane, the sweep
 * skips a node whose adjoint is exactly zero, so a branch not taken by {@code select} receives
 * an exact zero even where a partial is infinite; contributions reach each node in the same
 * order as in {@code Engine.backward}, so a lane seeded with one output reproduces
 * {@code Program.vjp} bitwise.
 *
 * <p>Not thread-safe: it is the reusable workspace of one prepared evaluator.
 */
final class Linearization {
    private static final byte DEAD = 0;
    private static final byte INPUT = 1;
    private static final byte CONSTANT = 2;
    private static final byte UNARY = 3;
    private static final byte BINARY = 4;
    private static final byte GENERAL = 5;

    private final int size;
    private final byte[] kind;
    private final Primitive[] prim;
    private final double[] param;
    private final int[] argStart;
    private final int[] args;
    private final int[] outputNodes;

    private final double[] values;
    private final double[] partials;
    private final double[] scratch;
    private double[] lanes = new double[0];

    /** Prepares the sweeps of {@code g} restricted to the given output nodes. */
    Linearization(Graph g, int[] outputNodes) {
        // one value and one partial per edge: a matrix node has neither
        g.requireScalar("the linearization of compressed reverse Jacobians (Linearization)");
        size = g.size();
        kind = new byte[size];
        prim = new Primitive[size];
        param = new double[size];
        argStart = new int[size + 1];
        boolean[] live = new boolean[size];
        for (int o : outputNodes) {
            live[o] = true;
        }
        int edges = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (live[i]) {
                for (int k = 0, a = g.arity(i); k < a; k++) {
                    live[g.arg(i, k)] = true;
                }
            }
        }
        int maxArity = 2;
        for (int i = 0; i < size; i++) {
            argStart[i] = edges;
            if (!live[i]) {
                continue;
            }
            Primitive p = g.primitive(i);
            prim[i] = p;
            param[i] = g.param(i);
            kind[i] = switch (p.kind()) {
                case INPUT -> INPUT;
                case CONSTANT -> CONSTANT;
                case UNARY -> UNARY;
                case BINARY -> BINARY;
                case GENERAL -> GENERAL;
            };
            int a = g.arity(i);
            maxArity = Math.max(maxArity, a);
            edges += a;
        }
        argStart[size] = edges;
        args = new int[edges];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < argStart[i + 1] - argStart[i]; k++) {
                args[argStart[i] + k] = g.arg(i, k);
            }
        }
        this.outputNodes = outputNodes.clone();
        values = new double[size];
        partials = new double[edges];
        scratch = new double[maxArity];
    }

    int outputCount() {
        return outputNodes.length;
    }

    /** The value of output {@code r} at the last linearization point. */
    double outputValue(int r) {
        return values[outputNodes[r]];
    }

    /** Evaluates all live nodes at {@code x} and stores every edge's partial derivative. */
    void linearize(double[] x, Subgradients policy) {
        final double[] v = values;
        for (int i = 0; i < size; i++) {
            int s = argStart[i];
            switch (kind[i]) {
                case INPUT -> v[i] = x[(int) param[i]];
                case CONSTANT -> v[i] = param[i];
                case UNARY -> {
                    UnaryPrimitive p = (UnaryPrimitive) prim[i];
                    double a = v[args[s]];
                    double y = p.apply(a, param[i], policy);
                    v[i] = y;
                    partials[s] = p.derivative(a, y, param[i], policy);
                }
                case BINARY -> {
                    BinaryPrimitive p = (BinaryPrimitive) prim[i];
                    double a = v[args[s]];
                    double b = v[args[s + 1]];
                    double y = p.apply(a, b, policy);
                    v[i] = y;
                    partials[s] = p.partialA(a, b, y, policy);
                    partials[s + 1] = p.partialB(a, b, y, policy);
                }
                case GENERAL -> {
                    int n = argStart[i + 1] - s;
                    for (int k = 0; k < n; k++) {
                        scratch[k] = v[args[s + k]];
                    }
                    Primitive p = prim[i];
                    double y = p.apply(scratch, n, param[i], policy);
                    v[i] = y;
                    for (int k = 0; k < n; k++) {
                        partials[s + k] = p.partial(k, scratch, n, y, param[i], policy);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * Reverse (VJP) sweep with {@code w} lanes: output r is seeded with 1 in lane
     * {@code outputLane[r] − first} when that lies in {@code [0, w)}. Returns the lane array,
     * {@code lanes[node·w + l]} = adjoint of the node in lane l (read it at input nodes).
     */
    double[] pullBack(int[] outputLane, int first, int w) {
        double[] g = lanes(w);
        Arrays.fill(g, 0, size * w, 0.0);
        for (int r = 0; r < outputNodes.length; r++) {
            int l = outputLane[r] - first;
            if (l >= 0 && l < w) {
                g[outputNodes[r] * w + l] += 1.0;
            }
        }
        for (int i = size - 1; i >= 0; i--) {
            if (kind[i] <= CONSTANT) {
                continue;
            }
            int base = i * w;
            for (int e = argStart[i], end = argStart[i + 1]; e < end; e++) {
                double d = partials[e];
                int ab = args[e] * w;
                for (int l = 0; l < w; l++) {
                    double gi = g[base + l];
                    if (gi != 0) {
                        g[ab + l] += gi * d;
                    }
                }
            }
        }
        return g;
    }

    private double[] lanes(int w) {
        if (lanes.length < size * w) {
            lanes = new double[size * w];
        }
        return lanes;
    }
}
