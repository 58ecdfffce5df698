package dev.leibniz.core;

import dev.leibniz.core.compile.internal.FusedRun;
import java.util.Arrays;

/**
 * Where the adjoints of a fused run's arguments live, for {@link ElementwiseSegments}: the blocks
 * the run reaches first are {@link FusedRun#FRESH} — the loop writes every element of them from
 * +0, so they are not zero-filled before it — and FRESH blocks the loop would write with the same
 * bits share one block ({@link FusedRun#SAME}: the four rolls of a periodic Laplacian, whose
 * adjoints are all the Laplacian's, are one array written once). One per recorder's sweep; not
 * thread-safe.
 */
final class RunAdjoints {
    /** Per node: whether the run being swept reaches it first and writes its whole own block. */
    private boolean[] fresh = new boolean[64];
    private int[] freshNodes = new int[16];
    private int freshCount;

    /** Starts the arguments of a new run. */
    void start() {
        freshCount = 0;
    }

    /**
     * Node {@code arg}, an argument of the run's entries, reached for the first time: an active
     * node with an adjoint block of its own (not a strided part of another node's) is FRESH, and
     * its block is not zero-filled; any other node's block is zeroed as the entry-by-entry sweep
     * would.
     */
    void reachedFirst(GraphBuilder t, int arg, TensorTapeSweep sweep) {
        if (!sweep.active[arg] || !sweep.ownsBlock(arg)) {
            sweep.zeroReached(t, arg);
            return;
        }
        sweep.block(t, arg);
        if (fresh.length <= arg) {
            fresh = Arrays.copyOf(fresh, Math.max(arg + 1, 2 * fresh.length));
        }
        if (freshCount == freshNodes.length) {
            freshNodes = Arrays.copyOf(freshNodes, 2 * freshCount);
        }
        fresh[arg] = true;
        freshNodes[freshCount++] = arg;
    }

    /** True when node {@code node} is FRESH in the run being described. */
    boolean isFresh(int node) {
        return node < fresh.length && fresh[node];
    }

    /**
     * Ends the run's description: forgets its FRESH nodes, and zero-fills their blocks after all
     * when no loop runs ({@code swept} false: no entry of the run was reached and active).
     */
    void finish(GraphBuilder t, TensorTapeSweep sweep, boolean swept) {
        for (int k = 0; k < freshCount; k++) {
            fresh[freshNodes[k]] = false;
            if (!swept) {
                sweep.zeroReached(t, freshNodes[k]);
            }
        }
    }

    /**
     * Gives FRESH slots whose adjoints the loop would write with the same bits
     * ({@link FusedRun#equalAdjoints}) one block, the first's, and marks the others SAME in
     * {@code spec}'s adjoint kinds (the spec is not in use yet). Only where every consumer of both
     * nodes is an entry of this run, so that nothing after the loop adds to one of them through
     * the shared block. {@code nodeOf} and {@code ga}: each slot's node and adjoint array.
     * Returns each slot's representative: slot k's adjoint was made slot r's where
     * {@code spec.adjoint()[k]} is now SAME ({@link #shareAgain} repeats it for the same spec).
     */
    static int[] shareEqual(FusedRun.Spec spec, int[] nodeOf, double[][] ga, TensorTapeSweep sweep) {
        int slots = spec.broadcast().length;
        int[] rep = FusedRun.equalAdjoints(spec);
        int[] uses = new int[slots];
        for (int j = 0; j < spec.op().length; j++) {
            uses[spec.arg0()[j]]++;
            if (spec.arg1()[j] >= 0) {
                uses[spec.arg1()[j]]++;
            }
        }
        for (int k = 0; k < slots; k++) {
            int r = rep[k];
            if (r != k && uses[k] == sweep.uses[nodeOf[k]] && uses[r] == sweep.uses[nodeOf[r]]) {
                spec.adjoint()[k] = FusedRun.SAME;
                sweep.blocks[nodeOf[k]] = sweep.blocks[nodeOf[r]];
                ga[k] = ga[r];
            }
        }
        return rep;
    }

    /**
     * Repeats {@link #shareEqual} for a run described exactly as before ({@link RecentRunSpecs}):
     * {@code shared} is the description after sharing, {@code rep} the representatives it returned.
     */
    static void shareAgain(FusedRun.Spec shared, int[] rep, int[] nodeOf, double[][] ga, TensorTapeSweep sweep) {
        for (int k = 0; k < rep.length; k++) {
            if (shared.adjoint()[k] == FusedRun.SAME) {
                int r = rep[k];
                sweep.blocks[nodeOf[k]] = sweep.blocks[nodeOf[r]];
                ga[k] = ga[r];
            }
        }
    }
}
