package dev.leibniz.core;

import dev.leibniz.core.compile.internal.FusedRun;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.TensorPrimitive;

/**
 * Elementwise entries of a vectorized recording whose evaluation is deferred until something
 * reads their values, then done in one pass ({@link FusedRun#forward}): Rosenbrock's
 * {@code 100·(odd − even²)² + (1 − even)²} and its {@code sumAll()} are seven entries and a sum
 * that the lifted loops evaluate in eight passes over n/2 elements; here in one, each element's
 * intermediates in registers, the sum carried along. Every entry's values are still stored (the
 * reverse sweep and later operations read them); what is saved is the passes that reload them.
 *
 * <p>What waits: an entry of a scalar primitive of one or two arguments ({@link FusedRun#fuses})
 * on N &gt; 1 elements whose arguments are N elements or one, while the waiting entries have N
 * elements. A sum of a waiting entry to 1×1 ends the run and is computed with it. Anything else —
 * another operation, reading a matrix's values, a gradient, building a graph — evaluates the
 * waiting entries first ({@link ShapeTable#flush}), one lifted loop per entry as if they had not
 * waited (storing every entry, one pass each is as fast: the lifted loops run at SIMD speed); leaves
 * recorded in between do not. The values
 * are the lifted loops' bits: the same {@code apply} of the declaration on the same operands, and
 * the sum adds in element order from +0 as {@code sum_to} does.
 */
final class PendingRun {
    /** Most entries that wait (a generated method stays small, see {@link ElementwiseSegments#MAX_ENTRIES}). */
    static final int MAX = ElementwiseSegments.MAX_ENTRIES;

    private final int[] ids = new int[MAX];
    private final int[] ops = new int[MAX];
    private final double[] params = new double[MAX];
    private final int[] a0 = new int[MAX];
    private final int[] a1 = new int[MAX];
    /** Entries waiting, and their element count. */
    int count;
    int size;

    /** Nodes of the run being described, by slot. */
    private int[] nodes = new int[3 * MAX + 2];
    private int slots;
    private double[][] v = new double[3 * MAX + 2][];
    private int[] vo = new int[3 * MAX + 2];
    private int[] vs = new int[3 * MAX + 2];
    private final FusedRun.Recent recent = new FusedRun.Recent();
    /** The runs evaluated lately, reused when described again exactly (the same entries, slots and layout). */
    private final RecentRunSpecs recentSpecs = new RecentRunSpecs();
    // the run being described (RecentRunSpecs' key); at most MAX entries, each adding at most 3 slots, and the sum
    private final int[] sOut = new int[MAX];
    private final int[] sArg0 = new int[MAX];
    private final int[] sArg1 = new int[MAX];
    private final boolean[] sBroadcast = new boolean[3 * MAX + 2];
    private final boolean[] sMember = new boolean[3 * MAX + 2];
    private static final int[] ZEROS = new int[3 * MAX + 2];
    private static final boolean[] NOTHING = new boolean[3 * MAX + 2];

    /** The element count with which entry {@code id} may wait, else 0. */
    static int elements(ShapeTable sh, int id, Primitive p, int[] ids, int n) {
        if (p instanceof TensorPrimitive || n > 2 || sh.isScalar(id) || !FusedRun.fuses(p.code())) {
            return 0;
        }
        int size = sh.shapeOf(id).size();
        for (int k = 0; k < n; k++) {
            int as = sh.shapeOf(ids[k]).size();
            if (as != size && as != 1) {
                return 0;
            }
        }
        return size;
    }

    void add(int id, Primitive p, double param, int[] args, int n) {
        if (id >= positionOf.length) {
            positionOf = java.util.Arrays.copyOf(positionOf, Math.max(id + 1, 2 * positionOf.length));
        }
        positionOf[id] = count;
        ids[count] = id;
        ops[count] = p.code();
        params[count] = p.hasParam() ? param : 0.0;
        a0[count] = args[0];
        a1[count] = n == 2 ? args[1] : -1;
        count++;
    }

    /** Per node: its position among the waiting entries when it was added, valid while {@code ids[positionOf[id]] == id}. */
    private int[] positionOf = new int[64];

    /** True when node {@code id} is a waiting entry (a table by node instead of a search: every read of a value asks). */
    boolean waiting(int id) {
        if (id >= positionOf.length) {
            return false;
        }
        int j = positionOf[id];
        return j < count && ids[j] == id;
    }

    /**
     * Evaluates the waiting entries. With {@code sum >= 0} (node {@code sum}: the sum of the
     * waiting entry {@code sumArg} over all its elements, written to {@code scalars[sum]}) they
     * are evaluated in one generated pass that stores only the sum: the entries become <em>virtual</em> — their arrays are filled by
     * {@link #materialize} when something reads them — since the sum's reader needs only the sum
     * and the reverse sweep recomputes what it needs ({@link FusedRun#backward}). Otherwise every
     * entry is stored.
     */
    void evaluate(ShapeTable sh, double[] scalars, Subgradients policy, int sum, int sumArg) {
        if (count == 0) {
            return;
        }
        if (sum < 0) {       // every entry is stored: the lifted loops, one per entry, run at SIMD speed
            int n = count;
            count = 0;
            int[] args = new int[2];
            for (int j = 0; j < n; j++) {
                args[0] = a0[j];
                args[1] = a1[j];
                sh.evaluate(ids[j], dev.leibniz.core.prim.Primitives.byCode(ops[j]), params[j], args, a1[j] < 0 ? 1 : 2,
                        scalars);
            }
            return;
        }
        slots = 0;
        int[] out = sOut;
        int[] arg0 = sArg0;
        int[] arg1 = sArg1;
        for (int j = 0; j < count; j++) {
            arg0[j] = slot(a0[j]);
            arg1[j] = a1[j] < 0 ? -1 : slot(a1[j]);
            out[j] = slot(ids[j]);
        }
        int sumSlot = slot(sum);
        int sumArgSlot = slot(sumArg);
        boolean[] broadcast = sBroadcast;
        for (int k = 0; k < slots; k++) {
            broadcast[k] = sh.isScalar(nodes[k]);
        }
        int[] slotNodes = java.util.Arrays.copyOf(nodes, slots);
        load(sh, scalars, slotNodes, out, count);
        // no adjoints, nothing recomputed: the key's adjoint kinds, offsets, strides and uses are all 0
        RecentRunSpecs.Entry x = recentSpecs.find(count, slots, ops, params, out, arg0, arg1, sumSlot, sumArgSlot,
                broadcast, ZEROS, NOTHING, vo, vs, ZEROS, ZEROS, ZEROS);
        FusedRun.Spec spec;
        FusedRun run;
        if (x != null) {
            spec = x.spec();
            run = x.run();
        } else {
            FusedRun.Layout layout = FusedRun.Layout.of(vo, vs, new int[slots], new int[slots], slots);
            spec = new FusedRun.Spec(java.util.Arrays.copyOf(broadcast, slots), new int[slots], new boolean[slots],
                    java.util.Arrays.copyOf(ops, count), java.util.Arrays.copyOf(params, count),
                    java.util.Arrays.copyOf(out, count), java.util.Arrays.copyOf(arg0, count),
                    java.util.Arrays.copyOf(arg1, count), sumSlot, sumArgSlot, layout);
            run = recent.get(spec);
            recentSpecs.remember(new RecentRunSpecs.Entry(spec, new int[slots], new int[slots], run, null));
        }
        int n = count;
        count = 0;
        run.forward(v, vo, vs, policy, 0, size, false);       // only the sum is stored
        java.util.Arrays.fill(v, 0, slotNodes.length, null);
        int r = virtualRuns.size();
        virtualRuns.add(new Virtual(run, spec, slotNodes, size));
        for (int j = 0; j < n; j++) {
            markVirtual(ids[j], r);
        }
    }

    /** A run evaluated without storing its entries: how to fill their arrays. */
    private record Virtual(FusedRun run, FusedRun.Spec spec, int[] nodes, int size) {
    }

    private final java.util.List<Virtual> virtualRuns = new java.util.ArrayList<>();
    /** Per node: the virtual run that fills it, or −1; meaningful up to {@link #virtualLimit}. */
    private int[] virtualOf = new int[64];
    private int virtualLimit;

    private void markVirtual(int id, int r) {
        if (id >= virtualOf.length) {
            int old = virtualOf.length;
            virtualOf = java.util.Arrays.copyOf(virtualOf, Math.max(id + 1, 2 * old));
            java.util.Arrays.fill(virtualOf, old, virtualOf.length, -1);
        }
        if (virtualLimit <= id) {
            java.util.Arrays.fill(virtualOf, virtualLimit, id, -1);
            virtualLimit = id + 1;
        }
        virtualOf[id] = r;
    }

    /** True when node {@code id}'s array has not been filled yet. */
    boolean isVirtual(int id) {
        return id < virtualLimit && virtualOf[id] >= 0;
    }

    /** Fills the arrays of the virtual run that node {@code id} belongs to (its inputs first). */
    void materialize(ShapeTable sh, double[] scalars, Subgradients policy, int id) {
        int r = virtualOf[id];
        Virtual vr = virtualRuns.get(r);
        for (int node : vr.nodes()) {
            if (isVirtual(node) && virtualOf[node] != r) {
                materialize(sh, scalars, policy, node);
            }
        }
        for (int node : vr.nodes()) {
            if (node < virtualLimit && virtualOf[node] == r) {
                virtualOf[node] = -1;
            }
        }
        double[][] vv = new double[vr.nodes().length][];
        int[] vvo = new int[vv.length];
        int[] vvs = new int[vv.length];
        for (int k = 0; k < vv.length; k++) {
            int node = vr.nodes()[k];
            boolean one = sh.isScalar(node);
            boolean member = node < virtualLimit && virtualOf[node] == -1 && isMember(vr, k);
            vv[k] = one ? scalars : member ? sh.tensorValues[node] : sh.placeOf(node);
            vvo[k] = one ? node : member ? 0 : sh.placeOffset(node);
            vvs[k] = one || member ? 1 : sh.placeStride(node);
        }
        vr.run().forward(vv, vvo, vvs, policy, 0, vr.size(), true);
    }

    /** Forgets every waiting entry and virtual run (a new recording). */
    void clear() {
        count = 0;
        virtualRuns.clear();
        if (virtualLimit > 0) {
            java.util.Arrays.fill(virtualOf, 0, virtualLimit, -1);
            virtualLimit = 0;
        }
    }

    /** Fills every virtual array (before the tape is converted to the general layout). */
    void materializeAll(ShapeTable sh, double[] scalars, Subgradients policy) {
        for (int id = 0; id < virtualLimit; id++) {
            if (virtualOf[id] >= 0) {
                materialize(sh, scalars, policy, id);
            }
        }
    }

    /** Each slot's elements: scalars at their node, an entry's own array, an input in place (a view's root). */
    private void load(ShapeTable sh, double[] scalars, int[] slotNodes, int[] out, int entries) {
        boolean[] member = sMember;
        java.util.Arrays.fill(member, 0, slotNodes.length, false);
        for (int j = 0; j < entries; j++) {
            member[out[j]] = true;
        }
        for (int k = 0; k < slotNodes.length; k++) {
            int node = slotNodes[k];
            boolean one = sh.isScalar(node);
            v[k] = one ? scalars : member[k] ? sh.tensorValues[node] : sh.placeOf(node);
            vo[k] = one ? node : member[k] ? 0 : sh.placeOffset(node);
            vs[k] = one || member[k] ? 1 : sh.placeStride(node);
        }
    }

    /** True when slot k of a virtual run is the output of one of its entries. */
    private static boolean isMember(Virtual vr, int k) {
        for (int o : vr.spec().out()) {
            if (o == k) {
                return true;
            }
        }
        return false;
    }

    /** Per node: its slot in the run being described, valid while {@code nodes[slotOf[node]] == node}. */
    private int[] slotOf = new int[64];

    /** The slot of {@code node}, given one on first sight: a table by node instead of a search of the slots. */
    private int slot(int node) {
        if (node >= slotOf.length) {
            slotOf = java.util.Arrays.copyOf(slotOf, Math.max(node + 1, 2 * slotOf.length));
        }
        int k = slotOf[node];
        if (k < slots && nodes[k] == node) {
            return k;
        }
        nodes[slots] = node;
        slotOf[node] = slots;
        return slots++;
    }
}
