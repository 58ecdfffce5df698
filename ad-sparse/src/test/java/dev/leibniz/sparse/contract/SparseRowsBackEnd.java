package dev.leibniz.sparse.contract;

import dev.leibniz.sparse.Direction;

/** {@link dev.leibniz.sparse.SparseJacobian} by rows: the linearization's reverse sweeps. */
public final class SparseRowsBackEnd extends SparseJacobianBackEnd {
    public SparseRowsBackEnd() {
        super(Direction.ROWS);
    }

    @Override
    public String name() {
        return "sparse-rows";
    }
}
