package dev.leibniz.sparse;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.internal.Sweeps;
import java.util.Arrays;

/**
 * A graph linearized at a point, for vector–Jacobian products with several lanes side by side:
 * one forward pass stores every node's value and every edge's local partial ∂y_i/∂x_k (ad-core's
 * {@link Sweeps}: the primitives' declared rules, through the generated interpreter); after that,
 * each reverse sweep is {@link Sweeps#adjoints}, plain multiply-adds over the edge arrays — no
 * primitive is called again, and all w lanes (row colors) share one sweep. (Column compression
 * uses ad-forward's {@code ForwardProgram} lanes, over the same sweeps.)
 *
 * <p>Lanes are laid out node-major, {@code lanes[node·w + l]}, so each edge touches w contiguous
 * doubles. The flow contract is ad-core's {@code Flow}: no edge where a partial is identically
 * zero, and an exact zero on either side of a product contributes nothing — so a branch not taken
 * by {@code select}, or a zero partial meeting an infinite adjoint, sends an exact zero.
 *
 * <p>Not thread-safe: it is the reusable workspace of one prepared evaluator.
 */
final class Linearization {
    private final Sweeps sweeps;
    private final int size;
    private final int[] outputNodes;

    private final double[] values;
    private final double[] partials;
    private final double[] scratch;
    private double[] lanes = new double[0];

    /**
     * Prepares the sweeps of {@code g} for the given output nodes.
     *
     * @throws dev.leibniz.core.ShapeException when the graph has a matrix node, naming it
     */
    Linearization(Graph g, int[] outputNodes) {
        sweeps = new Sweeps(g, "compressed Jacobians by rows (Linearization)");
        size = g.size();
        this.outputNodes = outputNodes.clone();
        values = new double[size];
        partials = new double[sweeps.edgeSlots()];
        scratch = sweeps.newScratch();
    }

    int outputCount() {
        return outputNodes.length;
    }

    /** The value of output {@code r} at the last linearization point. */
    double outputValue(int r) {
        return values[outputNodes[r]];
    }

    /** Evaluates every node at {@code x} and stores every edge's partial derivative. */
    void linearize(double[] x, Subgradients policy) {
        sweeps.forward(x, values, policy, scratch);
        sweeps.partials(values, partials, policy, scratch);
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
        sweeps.adjoints(partials, g, w);
        return g;
    }

    private double[] lanes(int w) {
        if (lanes.length < size * w) {
            lanes = new double[size * w];
        }
        return lanes;
    }
}
