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
    /** A described run: its inputs (the key), its description after sharing, its loop, and its representatives. */
    record Entry(int[] op, double[] param, int[] out, int[] arg0, int[] arg1, int sumSlot, int sumArg,
                 boolean[] broadcast, int[] adjoint, boolean[] recompute, int[] valueOffset, int[] valueStride,
                 int[] adjointOffset, int[] adjointStride, int[] uses, FusedRun.Spec spec, FusedRun run, int[] rep) {
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
            if (x != null && x.op.length == e && x.broadcast.length == slots && x.sumSlot == sumSlot && x.sumArg == sumArg
                    && Arrays.equals(x.op, 0, e, op, 0, e) && Arrays.equals(x.out, 0, e, out, 0, e)
                    && Arrays.equals(x.arg0, 0, e, arg0, 0, e) && Arrays.equals(x.arg1, 0, e, arg1, 0, e)
                    && Arrays.equals(x.param, 0, e, param, 0, e)
                    && Arrays.equals(x.broadcast, 0, slots, broadcast, 0, slots)
                    && Arrays.equals(x.adjoint, 0, slots, adjoint, 0, slots)
                    && Arrays.equals(x.recompute, 0, slots, recompute, 0, slots)
                    && Arrays.equals(x.valueStride, 0, slots, vs, 0, slots)
                    && Arrays.equals(x.adjointStride, 0, slots, gs, 0, slots)
                    && Arrays.equals(x.uses, 0, slots, uses, 0, slots)
                    && sameOffsets(x.valueOffset, vo, vs, slots) && sameOffsets(x.adjointOffset, go, gs, slots)) {
                hint = (at + 1) % n;
                return x;
            }
        }
        return null;
    }

    /** Whether the layout offsets {@code kept} are those of offsets {@code o} with strides {@code st} ({@link FusedRun.Layout#of}). */
    private static boolean sameOffsets(int[] kept, int[] o, int[] st, int slots) {
        for (int k = 0; k < slots; k++) {
            if (kept[k] != (o[k] >= 0 && o[k] < st[k] ? o[k] : -1)) {
                return false;
            }
        }
        return true;
    }

    /** Keeps {@code x}, replacing the oldest entry. */
    void remember(Entry x) {
        entries[next] = x;
        next = (next + 1) % entries.length;
    }
}
