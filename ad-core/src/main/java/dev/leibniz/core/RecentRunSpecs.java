package dev.leibniz.core;

import dev.leibniz.core.compile.internal.FusedRun;
import java.util.Arrays;

/**
 * The descriptions of the last few fused runs one recorder swept, with their loops and their
 * shared adjoints, reused when a recording describes the same run again. A recorder that records
 * the same vectorized program call after call describes the same runs every call; building each
 * {@link FusedRun.Spec} anew (nine arrays and a {@link FusedRun.Layout}), finding its equal
 * adjoints ({@link FusedRun#equalAdjoints}, quadratic in the slots) and comparing it with the
 * recent loops ({@link FusedRun.Recent}) cost about a microsecond per run.
 *
 * <p>The key is checked exactly, element by element: every input of the description (op codes,
 * parameters by their bits, output and argument slots, the final sum's slots, per slot whether
 * it is broadcast, its adjoint kind before sharing, whether the loop recomputes it, its
 * offsets and strides as the {@link FusedRun.Layout} keeps them) and the one input of sharing
 * that is not in the description (each slot's node's consumer count in the whole tape,
 * {@link RunAdjoints#shareEqual}). Equal inputs give an equal description, the same loop and
 * the same shared adjoints; only the arrays and offsets of the call ({@code v} … {@code gs}),
 * which the caller fills every call, differ. The deferred evaluation of a run ending in a sum
 * ({@link PendingRun}) keeps its own, with no adjoints (their kinds, offsets, strides and uses 0).
 * Not thread-safe: one per recorder.
 */
final class RecentRunSpecs {
    /**
     * A described run: its description (whose arrays and layout are most of the key), the adjoint
     * kinds before sharing and each slot's consumer count (the rest of the key), its loop and its
     * representatives. The kinds are kept apart because sharing rewrites the description's.
     */
    record Entry(FusedRun.Spec spec, int[] adjoint, int[] uses, FusedRun run, int[] rep) {
    }

    private final Entry[] entries = new Entry[16];
    private int next;
    /** Where the search starts: after the last hit, since a recording's runs come in the same order every call. */
    private int hint;

    /**
     * The entry whose inputs equal these ({@code e} entries, {@code slots} slots; offsets
     * {@code vo}, {@code go} compared as {@link FusedRun.Layout} keeps them), or null.
     */
    Entry find(int e, int slots, int[] op, double[] param, int[] out, int[] arg0, int[] arg1, int sumSlot, int sumArg,
               boolean[] broadcast, int[] adjoint, boolean[] recompute, int[] vo, int[] vs, int[] go, int[] gs,
               int[] uses) {
        for (int c = 0, n = entries.length; c < n; c++) {
            int at = (hint + c) % n;
            Entry x = entries[at];
            if (x != null && matches(x, e, slots, op, param, out, arg0, arg1, sumSlot, sumArg, broadcast, adjoint,
                    recompute, uses) && x.spec.layout().describes(vo, vs, go, gs, slots)) {
                hint = (at + 1) % n;
                return x;
            }
        }
        return null;
    }

    private static boolean matches(Entry x, int e, int slots, int[] op, double[] param, int[] out, int[] arg0, int[] arg1,
                                   int sumSlot, int sumArg, boolean[] broadcast, int[] adjoint, boolean[] recompute,
                                   int[] uses) {
        FusedRun.Spec s = x.spec;
        return s.op().length == e && s.broadcast().length == slots && s.sumSlot() == sumSlot && s.sumArg() == sumArg
                && Arrays.equals(s.op(), 0, e, op, 0, e) && Arrays.equals(s.out(), 0, e, out, 0, e)
                && Arrays.equals(s.arg0(), 0, e, arg0, 0, e) && Arrays.equals(s.arg1(), 0, e, arg1, 0, e)
                && Arrays.equals(s.param(), 0, e, param, 0, e)
                && Arrays.equals(s.broadcast(), 0, slots, broadcast, 0, slots)
                && Arrays.equals(x.adjoint, 0, slots, adjoint, 0, slots)
                && Arrays.equals(s.recompute(), 0, slots, recompute, 0, slots)
                && Arrays.equals(x.uses, 0, slots, uses, 0, slots);
    }

    /** Keeps {@code x}, replacing the oldest entry. */
    void remember(Entry x) {
        entries[next] = x;
        next = (next + 1) % entries.length;
    }
}
