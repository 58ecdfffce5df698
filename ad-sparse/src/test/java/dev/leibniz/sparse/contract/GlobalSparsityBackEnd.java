package dev.leibniz.sparse.contract;

/** The global Jacobian pattern ({@link dev.leibniz.sparse.SparsityDetector#jacobian(dev.leibniz.core.Graph)}). */
public final class GlobalSparsityBackEnd extends SparsityBackEnd {
    public GlobalSparsityBackEnd() {
        super(false);
    }

    @Override
    public String name() {
        return "sparsity-global";
    }
}
