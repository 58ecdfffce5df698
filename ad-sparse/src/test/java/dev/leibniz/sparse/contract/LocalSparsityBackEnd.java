package dev.leibniz.sparse.contract;

/** The local Jacobian pattern at the case's point ({@link dev.leibniz.sparse.SparsityDetector#jacobian(dev.leibniz.core.Graph, double[])}). */
public final class LocalSparsityBackEnd extends SparsityBackEnd {
    public LocalSparsityBackEnd() {
        super(true);
    }

    @Override
    public String name() {
        return "sparsity-local";
    }
}
