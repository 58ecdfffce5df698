package dev.leibniz.sparse.contract;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.contract.BackEnd;
import dev.leibniz.core.contract.Case;
import dev.leibniz.core.contract.Exactness;
import dev.leibniz.core.contract.Outcome;
import dev.leibniz.core.contract.Spec;
import dev.leibniz.sparse.Direction;
import dev.leibniz.sparse.SparseJacobian;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixSparseCSC;

/**
 * A compressed {@link SparseJacobian} of the case's graph, rows (the linearized graph's
 * multi-lane reverse sweeps) or columns (ad-forward's tangent lanes): the value and every entry
 * ∂f/∂x_j, compared with the reference's reverse or forward accumulation. Scalar graphs only.
 */
abstract class SparseJacobianBackEnd implements BackEnd {
    private final Map<Spec, SparseJacobian> prepared = new ConcurrentHashMap<>();
    private final Direction direction;

    SparseJacobianBackEnd(Direction direction) {
        this.direction = direction;
    }

    @Override
    public boolean supports(Case c) {
        return c.spec().isScalarGraph();
    }

    @Override
    public Outcome run(Case c) {
        SparseJacobian jac = prepared.computeIfAbsent(c.spec(), s -> SparseJacobian.prepare(s.graph(), direction));
        double[] x = c.scalarInputs();
        double[] value = new double[1];
        DMatrixSparseCSC j = jac.evaluate(x);
        jac.evaluate(EvalOptions.DEFAULT, x, j, value);
        double[] row = new double[x.length];
        for (int k = 0; k < row.length; k++) {
            row[k] = j.get(0, k);
        }
        Outcome out = Outcome.NOTHING.withValue(value[0]);
        return direction == Direction.ROWS ? out.withJacobianRow(row) : out.withJacobianColumns(row);
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
