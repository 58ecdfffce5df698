package dev.leibniz.forward;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;

/**
 * Operation counts of a full Jacobian of a graph with n inputs and m outputs, by each mode,
 * counted from the graph's structure (no timing; see {@link ModeCost} for the measurement).
 *
 * <p>Both modes first run one forward pass for the values. Then:
 * <ul>
 *   <li><b>forward</b>: ⌈n/k⌉ tangent sweeps with k lanes. A sweep scans every node, and
 *       differentiates those that depend on an input: it evaluates each local partial with
 *       respect to an input-dependent argument once and does k multiply-adds per partial;</li>
 *   <li><b>reverse</b>: m backward sweeps, one per output. The sweep of output i scans every
 *       node (and clears one adjoint per node), and differentiates those output i depends on:
 *       every partial of such a node is evaluated and followed by one multiply-add.</li>
 * </ul>
 * An <em>operation</em> here is one node scanned, one partial evaluated or one multiply-add.
 * So for f: Rⁿ → R reverse mode costs about n times less, for g: R → Rᵐ forward mode about m
 * times less, and for square Jacobians the counts are of the same order and the constant
 * factors — lanes, the per-sweep scan, cache behaviour — decide, which is why
 * {@link ModeCost} measures.
 */
public final class CostModel {
    private final int inputs;
    private final int outputs;
    private final int nodes;
    private final int lanes;
    private final int forwardNodes;
    private final int forwardPartials;
    private final long reverseNodesTotal;
    private final long reversePartialsTotal;

    private CostModel(int inputs, int outputs, int nodes, int lanes, int forwardNodes, int forwardPartials,
                      long reverseNodesTotal, long reversePartialsTotal) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.nodes = nodes;
        this.lanes = lanes;
        this.forwardNodes = forwardNodes;
        this.forwardPartials = forwardPartials;
        this.reverseNodesTotal = reverseNodesTotal;
        this.reversePartialsTotal = reversePartialsTotal;
    }

    /** The counts for forward sweeps of k = {@code lanes} directions. */
    public static CostModel of(Graph g, int lanes) {
        if (g == null) {
            throw new GraphException("cannot count the cost of a null graph");
        }
        ForwardProgram fp = ForwardProgram.prepare(g, lanes);
        long revNodes = 0;
        long revPartials = 0;
        boolean[] reach = new boolean[g.size()];
        for (int i = 0; i < g.outputCount(); i++) {
            java.util.Arrays.fill(reach, false);
            reach[g.outputNode(i)] = true;
            for (int node = g.size() - 1; node >= 0; node--) {
                if (!reach[node]) {
                    continue;
                }
                int a = g.arity(node);
                if (a > 0) {
                    revNodes++;
                    revPartials += a;
                }
                for (int j = 0; j < a; j++) {
                    reach[g.arg(node, j)] = true;
                }
            }
        }
        return new CostModel(g.inputCount(), g.outputCount(), g.size(), lanes, fp.nodesPerSweep(), fp.partialsPerSweep(),
                revNodes, revPartials);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** Nodes of the graph, leaves included. */
    public int nodes() {
        return nodes;
    }

    /** Lanes k of a forward sweep. */
    public int lanes() {
        return lanes;
    }

    /** ⌈n/k⌉. */
    public long forwardSweeps() {
        return (inputs + (long) lanes - 1) / lanes;
    }

    /** m. */
    public long reverseSweeps() {
        return outputs;
    }

    /** Nodes a forward sweep differentiates (those depending on an input, inputs excluded). */
    public int forwardNodesPerSweep() {
        return forwardNodes;
    }

    public int forwardPartialsPerSweep() {
        return forwardPartials;
    }

    /** Nodes scanned, partials, and k multiply-adds per partial. */
    public long forwardOpsPerSweep() {
        return nodes + forwardPartials + (long) forwardPartials * lanes;
    }

    public long forwardOpsTotal() {
        return forwardSweeps() * forwardOpsPerSweep();
    }

    /**
     * Nodes a backward sweep differentiates (those its output depends on, leaves excluded),
     * mean over the m sweeps: each output reaches a different part of the graph.
     */
    public double reverseNodesPerSweep() {
        return outputs == 0 ? 0 : (double) reverseNodesTotal / outputs;
    }

    public double reversePartialsPerSweep() {
        return outputs == 0 ? 0 : (double) reversePartialsTotal / outputs;
    }

    /** Nodes scanned, plus the mean of partials and one multiply-add per partial. */
    public double reverseOpsPerSweep() {
        return outputs == 0 ? 0 : (double) reverseOpsTotal() / outputs;
    }

    public long reverseOpsTotal() {
        return (long) nodes * outputs + 2 * reversePartialsTotal;
    }

    /** The mode with fewer operations (reverse on a tie). */
    public Mode predicted() {
        return forwardOpsTotal() < reverseOpsTotal() ? Mode.FORWARD : Mode.REVERSE;
    }
}
