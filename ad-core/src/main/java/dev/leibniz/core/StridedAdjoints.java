package dev.leibniz.core;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;

/**
 * The views whose adjoint is a strided part of their argument's adjoint block, for
 * {@link TensorTapeSweep}: a fused run (and a roll's rule) then adds into the argument's adjoint
 * directly, and the view's own block, its zero-fill and its reverse rule (a scatter) disappear —
 * Rosenbrock's {@code even} and {@code odd} columns of the n/2 × 2 view of x, the Brusselator's u
 * and v columns of the interleaved state. Per node: the argument P whose block holds its adjoint,
 * or −1, and where — element i at {@code offset + i·stride}.
 *
 * <p>When: every consumer of P is a slice-like view ({@link TensorPrimitive#flatView}, not a
 * reshape), the views take pairwise disjoint elements of P, and every consumer of each view is an
 * entry of a fused run or a roll (both index adjoints with an offset and a stride) — or the view's
 * only consumer is a reshape sharing its block whose consumers are all such. Exact: each element of
 * P̄ then receives the terms of one view's element only, added to +0 in the same order
 * ({@code 0 + v̄} is v̄). One per sweep; not thread-safe.
 */
final class StridedAdjoints {
    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);

    private int[] parent = new int[64];
    private int[] offset = new int[64];
    private int[] stride = new int[64];
    /** Blocks zeroed ahead of their node's reach, by the first of its strided views reached. */
    private boolean[] prezeroed = new boolean[64];
    private int[] firstView = new int[64];
    private int[] nextView = new int[64];
    private boolean[] mixed = new boolean[64];
    private boolean[] outsideRun = new boolean[64];
    /** Per node: its consumer that is a reshape sharing its adjoint block (the last one seen), or −1. */
    private int[] reshapeOf = new int[64];
    private int[] uses;

    /** Grows the per-node arrays to {@code cap} nodes (rewritten by {@link #find}). */
    void ensureCapacity(int cap) {
        if (parent.length < cap) {
            parent = new int[cap];
            offset = new int[cap];
            stride = new int[cap];
            prezeroed = new boolean[cap];
            firstView = new int[cap];
            nextView = new int[cap];
            mixed = new boolean[cap];
            outsideRun = new boolean[cap];
            reshapeOf = new int[cap];
        }
    }

    /** The node whose block holds node {@code i}'s adjoint at a stride, or −1. */
    int parent(int i) {
        return parent[i];
    }

    /** Where node {@code i}'s adjoint starts in its block (0 for a block of its own). */
    int offset(int i) {
        return parent[i] >= 0 ? offset[i] : 0;
    }

    /** The step between node {@code i}'s adjoint elements in its block (1 for a block of its own). */
    int stride(int i) {
        return parent[i] >= 0 ? stride[i] : 1;
    }

    /** True the first time it is asked for parent {@code p} in a sweep: its block is then zeroed once. */
    boolean zeroOnce(int p) {
        boolean first = !prezeroed[p];
        prezeroed[p] = true;
        return first;
    }

    /** Marks the strided views of the first {@code n} entries indexed by {@code sw}. */
    void find(GraphBuilder t, int n, TensorTapeSweep sw) {
        uses = sw.uses;
        Arrays.fill(parent, 0, n, -1);
        Arrays.fill(prezeroed, 0, n, false);
        Arrays.fill(firstView, 0, n, -1);
        Arrays.fill(mixed, 0, n, false);
        Arrays.fill(outsideRun, 0, n, false);
        Arrays.fill(reshapeOf, 0, n, -1);
        consumers(t, n, sw);
        for (int p = 0; p < n; p++) {
            if (firstView[p] < 0 || mixed[p] || t.shapes.isScalar(p)) {
                continue;
            }
            boolean ok = true;
            for (int c = firstView[p]; c >= 0 && ok; c = nextView[c]) {
                ok = !outsideRun[c] && uses[c] > 0 || sharedReshape(c) >= 0;
                int[] fc = ok ? view(t, sw, c) : null;
                int sc = t.shapes.shapeOf(c).size();
                for (int d = nextView[c]; d >= 0 && ok; d = nextView[d]) {
                    ok = disjoint(fc, sc, view(t, sw, d), t.shapes.shapeOf(d).size());
                }
            }
            for (int c = firstView[p]; c >= 0 && ok; c = nextView[c]) {
                int[] fv = view(t, sw, c);
                for (int v = c; v >= 0; v = v == c ? sharedReshape(c) : -1) {
                    parent[v] = p;
                    offset[v] = fv[0];
                    stride[v] = fv[1];
                }
            }
        }
    }

    /** Per node: its views (a list), whether another entry reads it, whether an entry that does not stride reads it, its shared reshape. */
    private void consumers(GraphBuilder t, int n, TensorTapeSweep sw) {
        int[] ap = t.argPool;
        for (int i = 0; i < n; i++) {
            int m = sw.arity[i];
            boolean view = m == 1 && view(t, sw, i) != null;
            // a roll's rule (ShiftedAdjoints) adds into its argument's adjoint at any offset and stride
            boolean strides = sw.inRun(i) || ShiftedAdjoints.isShift(t, sw, i);
            for (int k = 0; k < m; k++) {
                int arg = ap[sw.start[i] + k];
                if (view) {
                    nextView[i] = firstView[arg];
                    firstView[arg] = i;
                } else {
                    mixed[arg] = true;
                }
                if (!strides) {
                    outsideRun[arg] = true;
                }
                reshapeOf[arg] = m == 1 && sw.rootOf(i) == sw.rootOf(arg) && sw.rootOf(i) != i ? i : -1;
            }
        }
    }

    /**
     * The reshape of view {@code c} that shares its adjoint block (c's only consumer) and whose
     * every consumer is a fused run's entry or a roll, or −1: the Brusselator's
     * {@code u = s.reshape(N², 2).sliceCols(0, 1).reshape(N, N)}, whose adjoint can then be a
     * strided part of s̄ as the slice's is, with no scatter.
     */
    private int sharedReshape(int c) {
        int r = reshapeOf[c];
        return r >= 0 && uses[c] == 1 && !outsideRun[r] && uses[r] > 0 ? r : -1;
    }

    /** Entry i's {offset, stride} in its argument when it is a slice-like view (not a reshape), else null. */
    private static int[] view(GraphBuilder t, TensorTapeSweep sw, int i) {
        Primitive prim = PRIMS[t.ops8[i] & 0xff];
        if (!(prim instanceof TensorPrimitive tp) || tp.isContiguousView() || t.shapes.isScalar(i)) {
            return null;
        }
        int arg = t.argPool[sw.start[i]];
        return t.shapes.isScalar(arg) ? null
                : tp.flatView(t.shapes.shapeOf(arg), t.shapes.shapeOf(i), t.constPool[t.argPool[sw.start[i] + 1]]);
    }

    /** Whether two strided sets {o + i·s : i < n} are disjoint (a sufficient test). */
    private static boolean disjoint(int[] a, int na, int[] b, int nb) {
        if (a[1] == b[1] && a[1] > 1 && Math.floorMod(a[0] - b[0], a[1]) != 0) {
            return true;
        }
        return a[0] + (long) (na - 1) * a[1] < b[0] || b[0] + (long) (nb - 1) * b[1] < a[0];
    }
}
