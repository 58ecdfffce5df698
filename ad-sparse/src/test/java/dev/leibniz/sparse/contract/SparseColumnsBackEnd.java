package dev.leibniz.sparse.contract;

import dev.leibniz.sparse.Direction;

/** {@link dev.leibniz.sparse.SparseJacobian} by columns: forward tangent lanes. */
public final class SparseColumnsBackEnd extends SparseJacobianBackEnd {
    public SparseColumnsBackEnd() {
        super(Direction.COLUMNS);
    }

    @Override
    public String name() {
        return "sparse-columns";
    }
}
