package dev.leibniz.core;

import dev.leibniz.core.prim.CyclicShifts;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;

/**
 * The reverse of several cyclic shifts of one argument in one pass, for {@link TensorTapeSweep}:
 * the periodic Laplacian of a grid records four {@code roll}s of u in a row, whose rules would
 * each read and write all of ū (one pass per roll, each row cut in two segments). When entry i is
 * a cyclic shift ({@link TensorPrimitive#cyclicShift}) of an R×C matrix x and the entries just
 * before it (leaves aside) are more of them, {@link CyclicShifts#addBack} — the declaration's own
 * rule — adds all their adjoints into x̄ in one pass, at x̄'s offset and stride when x̄ is a strided
 * part of another block (the Brusselator's u, a column of the interleaved state).
 *
 * <p>Exact: each element of x̄ receives the rolls' terms in this sweep's order (entry i's first,
 * then i − 1, …), one addition each, as the rolls swept one after the other would add them; a
 * roll not reached adds nothing, as in the entry-by-entry sweep. No entry between them runs,
 * since only leaves may lie between. One per sweep; not thread-safe.
 */
final class ShiftedAdjoints {
    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);

    private double[][] adjoints = new double[4][];
    private int[] offsets = new int[4];
    private int[] rowShifts = new int[4];
    private int[] colShifts = new int[4];

    /**
     * Sweeps entry {@code i} and the rolls of the same argument just before it; returns the lowest
     * entry swept, or −1 when entry {@code i} is not such a roll (nothing done).
     */
    int sweep(GraphBuilder t, TensorTapeSweep sw, int i, boolean[] reach) {
        int x = shiftedArgument(t, sw, i);
        if (x < 0 || !sw.active[i] || t.shapes.isScalar(x)) {
            return -1;
        }
        int count = 0;
        int low = i;
        for (int j = i; j >= 0; j--) {
            if (sw.arity[j] == 0) {
                continue;        // a leaf recorded between the rolls
            }
            int[] ab = shift(t, sw, j);
            if (ab == null || t.argPool[sw.start[j]] != x) {
                break;
            }
            low = j;
            if (reach[j]) {
                add(sw, j, ab, count++);
            }
        }
        if (!reach[x]) {
            reach[x] = true;
            sw.zeroReached(t, x);     // its own block, or (a strided view) its argument's, zeroed once
        }
        Shape xs = t.shapes.shapeOf(x);
        CyclicShifts.addBack(adjoints, offsets, rowShifts, colShifts, count, sw.blocks[x], sw.adjointOffset(x),
                sw.adjointStride(x), xs.rows(), xs.cols());
        Arrays.fill(adjoints, 0, count, null);
        return low;
    }

    /** Roll j's adjoint block (read from its start: the offsets stay 0) and shift {@code ab} as the {@code count}-th term. */
    private void add(TensorTapeSweep sw, int j, int[] ab, int count) {
        if (count == rowShifts.length) {
            adjoints = Arrays.copyOf(adjoints, 2 * count);
            offsets = Arrays.copyOf(offsets, 2 * count);
            rowShifts = Arrays.copyOf(rowShifts, 2 * count);
            colShifts = Arrays.copyOf(colShifts, 2 * count);
        }
        adjoints[count] = sw.blocks[j];
        rowShifts[count] = ab[0];
        colShifts[count] = ab[1];
    }

    /** True when entry {@code j} is a roll this class sweeps (whose argument's adjoint it may add into at a stride). */
    static boolean isShift(GraphBuilder t, TensorTapeSweep sw, int j) {
        return shiftedArgument(t, sw, j) >= 0;
    }

    /** The argument of entry {@code j} when it is a cyclic shift swept by its own rule, else −1. */
    private static int shiftedArgument(GraphBuilder t, TensorTapeSweep sw, int j) {
        return shift(t, sw, j) == null ? -1 : t.argPool[sw.start[j]];
    }

    /** Entry j's shift {a, b} ({@link TensorPrimitive#cyclicShift}) when it is a cyclic shift swept by its own rule, else null. */
    private static int[] shift(GraphBuilder t, TensorTapeSweep sw, int j) {
        if (sw.arity[j] != 1 || !sw.sweptByOwnRule(j) || !(PRIMS[t.ops8[j] & 0xff] instanceof TensorPrimitive tp)) {
            return null;
        }
        return tp.cyclicShift(t.shapes.shapeOf(t.argPool[sw.start[j]]), param(t, sw, j));
    }

    /** Entry j's parameter (a one-argument entry's slot after its argument), or 0 when its primitive has none. */
    private static double param(GraphBuilder t, TensorTapeSweep sw, int j) {
        return PRIMS[t.ops8[j] & 0xff].hasParam() ? t.constPool[t.argPool[sw.start[j] + 1]] : 0.0;
    }
}
