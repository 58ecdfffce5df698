package dev.leibniz.sparse.contract;

import dev.leibniz.core.contract.BackEnd;
import dev.leibniz.core.contract.Case;
import dev.leibniz.core.contract.Exactness;
import dev.leibniz.core.contract.Outcome;
import dev.leibniz.sparse.SparsityDetector;
import dev.leibniz.sparse.SparsityPattern;

/**
 * {@link SparsityDetector}'s Jacobian pattern of the case's graph, global (valid for every input)
 * or local (at the case's point): it must contain every derivative the reference finds nonzero
 * (or NaN) there. Scalar graphs only.
 */
abstract class SparsityBackEnd implements BackEnd {
    private final boolean local;

    SparsityBackEnd(boolean local) {
        this.local = local;
    }

    @Override
    public boolean supports(Case c) {
        return c.spec().isScalarGraph();
    }

    @Override
    public Outcome run(Case c) {
        SparsityPattern p = local ? SparsityDetector.jacobian(c.graph(), c.scalarInputs())
                : SparsityDetector.jacobian(c.graph());
        boolean[] row = new boolean[c.graph().inputCount()];
        for (int j = 0; j < row.length; j++) {
            row[j] = p.contains(0, j);
        }
        return Outcome.NOTHING.withPattern(row);
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
