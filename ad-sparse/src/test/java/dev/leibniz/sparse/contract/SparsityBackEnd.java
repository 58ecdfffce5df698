package dev.leibniz.sparse.contract;

import dev.leibniz.core.Graph;
import dev.leibniz.core.contract.BackEnd;
import dev.leibniz.core.contract.Case;
import dev.leibniz.core.contract.Exactness;
import dev.leibniz.core.contract.Outcome;
import dev.leibniz.sparse.SparsityDetector;
import dev.leibniz.sparse.SparsityPattern;

/**
 * {@link SparsityDetector}'s Jacobian pattern of the case's graph, global (valid for every input)
 * or local (at the case's point): it must contain every derivative the reference finds nonzero
 * (or NaN) there. Matrix graphs too: the pattern's rows are output elements and its columns input
 * elements (row-major, inputs in order), and input j is in the reported row when any of its elements
 * is in the pattern of any output element — a superset of what the reference's Jacobian row shows,
 * so a missing structural nonzero still fails.
 */
abstract class SparsityBackEnd implements BackEnd {
    private final boolean local;

    SparsityBackEnd(boolean local) {
        this.local = local;
    }

    @Override
    public boolean supports(Case c) {
        return true;
    }

    @Override
    public Outcome run(Case c) {
        Graph g = c.graph();
        int[] first = new int[g.inputCount() + 1];
        for (int j = 0; j < g.inputCount(); j++) {
            first[j + 1] = first[j] + g.inputShape(j).size();
        }
        double[] point = new double[first[g.inputCount()]];
        for (int j = 0; j < g.inputCount(); j++) {
            System.arraycopy(c.inputs()[j], 0, point, first[j], g.inputShape(j).size());
        }
        SparsityPattern p = local ? SparsityDetector.jacobian(g, point) : SparsityDetector.jacobian(g);
        boolean[] row = new boolean[g.inputCount()];
        for (int r = 0; r < p.rows(); r++) {
            for (int j = 0; j < row.length; j++) {
                for (int e = first[j]; e < first[j + 1] && !row[j]; e++) {
                    row[j] = p.contains(r, e);
                }
            }
        }
        return Outcome.NOTHING.withPattern(row);
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
