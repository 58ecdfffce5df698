package dev.leibniz.core;

/**
 * Anomaly detection found the first non-finite value of a forward or backward pass. The message
 * names the pass, the node (as printed in the graph listing) and the finite inputs it came from.
 */
public class AnomalyException extends LeibnizException {
    private final int node;
    private final boolean backward;

    public AnomalyException(String message, int node, boolean backward) {
        super(message);
        this.node = node;
        this.backward = backward;
    }

    /** Index of the offending node in the graph listing ({@code %node}). */
    public int node() {
        return node;
    }

    /** True when the non-finite value appeared in the backward (adjoint) pass. */
    public boolean inBackwardPass() {
        return backward;
    }

    @Override
    public boolean isComputationFailure() {
        return true;
    }
}
