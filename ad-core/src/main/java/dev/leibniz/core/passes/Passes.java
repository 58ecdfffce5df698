package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;

/**
 * Runs the optimization passes to a fixpoint: constant folding, then common subexpression
 * elimination, then dead-code elimination, repeated until a whole round changes nothing. Each
 * pass is linear in the graph size (CSE up to hashing), and a round that changes something
 * either shrinks the graph or turns an operation into a constant, lowering nodes + operations,
 * so the loop ends — in practice after two rounds (one that works, one that confirms).
 *
 * <p>Order matters within a round: folding first gives CSE equal constants to merge (two
 * folded {@code 2+3} become one {@code 5}), and DCE last sweeps up what both left unused.
 * Evaluation results are bit-for-bit those of the original graph; gradients agree up to
 * the rounding of re-associated adjoint sums (see {@link CommonSubexpressionElimination}).
 */
public final class Passes {
    private Passes() {
    }

    /** Optimizes {@code g} and reports what each pass removed. */
    public static OptimizationReport optimize(Graph g) {
        if (g == null) {
            throw new GraphException("cannot optimize a null graph");
        }
        Graph current = g;
        int folded = 0;
        int cse = 0;
        int dce = 0;
        int rounds = 0;
        int changed;
        do {
            rounds++;
            PassResult a = ConstantFolding.apply(current);
            PassResult b = CommonSubexpressionElimination.apply(a.graph());
            PassResult c = DeadCodeElimination.apply(b.graph());
            folded += a.removed();
            cse += b.removed();
            dce += c.removed();
            changed = a.removed() + b.removed() + c.removed();
            current = c.graph();
        } while (changed > 0);
        return new OptimizationReport(current, folded, cse, dce, g.size(), rounds);
    }
}
