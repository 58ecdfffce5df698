package dev.leibniz.forward;

/**
 * The reusable workspace of a {@link ForwardProgram}: one value per node and k tangent lanes
 * per node, in two flat arrays. Node i's lanes sit contiguously at
 * {@code tangents[i·k … i·k + k)}, so the sweep's inner loop over lanes is a unit-stride
 * multiply-add. Make one with {@link ForwardProgram#newWorkspace()} and reuse it for every
 * sweep: the sweeps themselves allocate nothing. A workspace is not thread-safe; use one per
 * thread (the program itself is immutable and shared).
 *
 * <p>Size: {@code 8·(k + 1)} bytes per node, e.g. 72 bytes per node for k = 8, and 8 bytes per
 * edge for the partials.
 */
public final class TangentLanes {
    final ForwardProgram owner;
    final int lanes;
    final double[] values;
    final double[] tangents;
    final double[] scratch;
    /** The edge partials at the point of the last {@code values} (see {@code Sweeps#partials}). */
    final double[] partials;
    boolean valuesReady;
    boolean partialsReady;

    TangentLanes(ForwardProgram owner, int nodes, int lanes, int maxArity, int edgeSlots) {
        this.owner = owner;
        this.lanes = lanes;
        this.values = new double[nodes];
        this.tangents = new double[nodes * lanes];
        this.scratch = new double[Math.max(2, maxArity)];
        this.partials = new double[edgeSlots];
    }

    /** Number of tangent lanes k. */
    public int lanes() {
        return lanes;
    }

    /** Number of graph nodes. */
    public int nodes() {
        return values.length;
    }

    /** The value of a node after {@link ForwardProgram#values}. */
    public double value(int node) {
        return values[node];
    }

    /** Lane {@code lane} of a node's tangent after {@link ForwardProgram#tangents}. */
    public double tangent(int node, int lane) {
        return tangents[node * lanes + lane];
    }
}
