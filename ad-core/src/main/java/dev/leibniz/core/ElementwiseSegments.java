package dev.leibniz.core;

import dev.leibniz.core.compile.internal.FusedRun;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;

/**
 * Runs of elementwise tape entries swept backward as one generated loop ({@link FusedRun}): the
 * reverse sweep's loop fusion for vectorized define-by-run code. Rosenbrock's
 * {@code (100·(odd − even²)² + (1 − even)²).sumAll()} records eight entries over n/2 elements;
 * swept one after the other, each is a pass over its arrays (a zero-fill of each adjoint array,
 * then one read-modify-write per consumer, about 1.3 ns per element for a binary rule). Swept as
 * one loop, each element's values are recomputed and its adjoints kept in registers; only the
 * run's inputs, and nodes read outside it, have adjoint arrays.
 *
 * <p>What a run is: consecutive entries (leaves recorded in between are skipped) of scalar
 * primitives of one or two arguments whose output has N &gt; 1 elements and whose arguments have
 * N elements or one (broadcast), optionally ended by a sum of one of them to 1×1
 * ({@link TensorPrimitive#sumsAllElements}). No rule is written here: the loop calls each entry's
 * declared rules ({@code RuleEmitter}).
 *
 * <p>Why the bits are the interpreter's. An elementwise rule sends element e's adjoint only to
 * element e of its arguments; within an element the entries run in the tape's reverse order, so
 * each adjoint element receives its terms in the same order as entry by entry. A broadcast
 * one-element argument receives terms from every element: it may join a run only if it is no
 * other entry's argument (or needs no adjoint), so that it receives one entry's terms in element
 * order. The final sum's adjoint is complete before the run starts (it has no consumer in the
 * run). A local adjoint starts at +0, as a zeroed array element does.
 */
final class ElementwiseSegments {
    /** Fewest entries for which a run is swept as one loop. */
    private static final int MIN_ENTRIES = 2;
    /**
     * Most entries of a run: a longer one is split (exactly: the runs are swept one after the
     * other, as the entries would be), so that its generated method stays far below HotSpot's
     * 8000-byte limit for compiling a method (about 200 bytes of bytecode per entry).
     */
    static final int MAX_ENTRIES = 24;

    /** Per node: the first node of the run that ends at it, or -1. */
    private int[] runStart = new int[64];
    /** Per node: whether its adjoint lives in a local of the loop (every consumer in its run). */
    private boolean[] local = new boolean[64];
    /** Per node: its run's id (the run's first node), or -1. */
    private int[] run = new int[64];
    private int[] inRunUses = new int[64];
    private final FusedRun.Recent recent = new FusedRun.Recent();
    /** The recorder's scalar adjoints during a sweep. */
    private double[] gScalars;

    /**
     * Finds the runs of a tape whose slots, arities, activity and consumer counts
     * {@code sweep} has indexed; {@code runStart(i) >= 0} afterwards marks the last node of each.
     */
    void find(GraphBuilder t, int n, TensorTapeSweep sweep, Primitive[] prims) {
        reset(n);
        ShapeTable sh = t.shapes;
        int first = -1;          // first entry of the run being grown
        int last = -1;
        int size = 0;
        int entries = 0;
        for (int i = 0; i < n; i++) {
            int m = sweep.arity[i];
            if (m == 0) {
                continue;        // a leaf recorded between entries is not part of the run
            }
            Primitive p = prims[t.ops8[i] & 0xff];
            int s = sweep.start[i];
            int[] ap = t.argPool;
            boolean sum = first >= 0 && p instanceof TensorPrimitive tp && tp.sumsAllElements(sh.shapeOf(i))
                    && m == 1 && run[ap[s]] == first;
            if (sum) {
                run[i] = first;
                close(first, i, entries + 1, t, sweep);
                first = -1;
                continue;
            }
            if (first >= 0 && spannable(p, i, m, s, first, t)) {
                spanned[spans++] = ap[s];
                continue;        // swept in its place, after the run (TensorTapeSweep skips the run's members only)
            }
            int e = elementwise(p, i, m, s, t, sweep);
            if (e > 1 && first >= 0 && e == size && entries < MAX_ENTRIES && !readsSpanned(ap, m, s)) {
                run[i] = first;
                markRead(ap, m, s, first);
                last = i;
                entries++;
                continue;
            }
            if (first >= 0) {
                close(first, last, entries, t, sweep);
            }
            first = e > 1 ? i : -1;
            spans = 0;
            if (first >= 0) {
                run[i] = i;
                markRead(ap, m, s, first);
                last = i;
                size = e;
                entries = 1;
            }
        }
        if (first >= 0) {
            close(first, last, entries, t, sweep);
        }
    }

    /** Grows the per-node arrays to {@code n} nodes and clears them for a new search. */
    private void reset(int n) {
        if (runStart.length < n) {
            int cap = Math.max(n, 2 * runStart.length);
            runStart = new int[cap];
            local = new boolean[cap];
            run = new int[cap];
            inRunUses = new int[cap];
            readBy = new int[cap];
        }
        Arrays.fill(readBy, 0, n, -1);
        Arrays.fill(runStart, 0, n, -1);
        Arrays.fill(run, 0, n, -1);
        Arrays.fill(local, 0, n, false);
        Arrays.fill(inRunUses, 0, n, 0);
    }

    /** Arguments of the view entries the run being grown spans (see {@link #spannable}). */
    private int[] spanned = new int[MAX_ENTRIES + 1];
    private int spans;

    /**
     * Whether view entry {@code i} (a reshape or slice, {@link TensorPrimitive#flatView}) recorded
     * between members of the run starting at {@code first} may stay inside its span, swept after the
     * whole run instead of ending it: its argument is neither a member nor read by a member so far
     * (and no later member may read it, {@link #readsSpanned}), so every adjoint receives its terms
     * in the entry-by-entry order: the members that read the view come after it, and the view's
     * rule adds only into an array no member touches. The weights of a vectorized loss, sliced
     * between two stretches of arithmetic, no longer cut the run in two.
     */
    private boolean spannable(Primitive p, int i, int m, int s, int first, GraphBuilder t) {
        if (m != 1 || !(p instanceof TensorPrimitive tp) || spans == spanned.length) {
            return false;
        }
        int arg = t.argPool[s];
        return run[arg] != first && readBy[arg] != first
                && tp.flatView(t.shapes.shapeOf(arg), t.shapes.shapeOf(i), t.constPool[t.argPool[s + 1]]) != null;
    }

    /** Per node: the run (its first entry) of the last member found reading it, or −1 ({@link #spannable}'s test). */
    private int[] readBy = new int[64];

    /** Marks the arguments of a member of run {@code first} as read by it. */
    private void markRead(int[] ap, int m, int s, int first) {
        for (int k = 0; k < m; k++) {
            readBy[ap[s + k]] = first;
        }
    }

    /** Whether an entry with these arguments reads the argument of a view the run spans. */
    private boolean readsSpanned(int[] ap, int m, int s) {
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < spans; j++) {
                if (ap[s + k] == spanned[j]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The element count of entry {@code i} when it may join a run (a scalar primitive of one or
     * two arguments on N elements, each argument N elements or a broadcast one that is nobody
     * else's or needs no adjoint), else 0.
     */
    private static int elementwise(Primitive p, int i, int m, int s, GraphBuilder t, TensorTapeSweep sweep) {
        if (p instanceof TensorPrimitive || m > 2 || t.shapes.isScalar(i) || !FusedRun.fuses(p.code())) {
            return 0;
        }
        int size = t.shapes.shapeOf(i).size();
        for (int k = 0; k < m; k++) {
            int arg = t.argPool[s + k];
            int as = t.shapes.shapeOf(arg).size();
            if (as != size && (as != 1 || (sweep.active[arg] && sweep.uses[arg] > 1))) {
                return 0;
            }
        }
        return size;
    }

    /** Closes the run of entries {@code first..last}: marks it, or forgets it when too short. */
    private void close(int first, int last, int entries, GraphBuilder t, TensorTapeSweep sweep) {
        if (entries < MIN_ENTRIES) {
            for (int i = first; i <= last; i++) {
                run[i] = -1;
            }
            return;
        }
        run[last] = first;
        runStart[last] = first;
        int[] ap = t.argPool;
        for (int i = first; i <= last; i++) {
            if (run[i] != first) {
                continue;
            }
            for (int k = 0, m = sweep.arity[i], s = sweep.start[i]; k < m; k++) {
                int arg = ap[s + k];
                if (run[arg] == first) {
                    inRunUses[arg]++;
                }
            }
        }
        for (int i = first; i <= last; i++) {
            local[i] = run[i] == first && !t.shapes.isScalar(i) && inRunUses[i] == sweep.uses[i];
        }
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** True when entry {@code i} belongs to a run (its reverse rule runs in the run's loop). */
    boolean inRun(int i) {
        return run[i] >= 0;
    }

    /** The first node of the run that ends at node {@code i}, or -1 when no run ends there. */
    int runStart(int i) {
        return runStart[i];
    }

    /**
     * Sweeps the run {@code first..last} backward: marks what it reaches (zeroing the whole
     * adjoint arrays of the nodes outside it, as the entry-by-entry sweep would when it first
     * reaches them), then runs the run's generated loop ({@link FusedRun}) over all its elements.
     */
    void backward(GraphBuilder t, int first, int last, double[] g, boolean[] reach, TensorTapeSweep sweep,
                  Primitive[] prims, dev.leibniz.core.Subgradients policy) {
        int[] ap = t.argPool;
        ShapeTable sh = t.shapes;
        adjoints.start();
        for (int i = last; i >= first; i--) {
            if (run[i] != first || !reach[i]) {
                continue;
            }
            for (int k = 0, m = sweep.arity[i], s = sweep.start[i]; k < m; k++) {
                int arg = ap[s + k];
                if (!reach[arg]) {
                    reach[arg] = true;
                    if (!sh.isScalar(arg) && !local[arg]) {
                        adjoints.reachedFirst(t, arg, sweep);
                    }
                }
            }
        }
        gScalars = g;
        FusedRun loop = spec(t, first, last, reach, sweep, prims);
        adjoints.finish(t, sweep, loop != null);
        if (loop == null) {
            return;
        }
        loop.backward(v, vo, vs, ga, go, gs, policy, 0, sh.shapeOf(first).size());
        Arrays.fill(v, 0, slots, null);        // drop the references until the next sweep
        Arrays.fill(ga, 0, slots, null);
        gScalars = null;
    }

    /** FRESH and shared argument adjoints of the run being swept. */
    private final RunAdjoints adjoints = new RunAdjoints();

    /** The slot of node {@code node} in the run being described, given one on first sight. */
    private int slot(int node) {
        int k = slotOf[node];
        if (k >= 0) {
            return k;
        }
        if (slots == nodeOf.length) {
            int cap = 2 * slots;
            nodeOf = Arrays.copyOf(nodeOf, cap);
            v = Arrays.copyOf(v, cap);
            vo = Arrays.copyOf(vo, cap);
            vs = Arrays.copyOf(vs, cap);
            ga = Arrays.copyOf(ga, cap);
            go = Arrays.copyOf(go, cap);
            gs = Arrays.copyOf(gs, cap);
        }
        nodeOf[slots] = node;
        slotOf[node] = slots;
        return slots++;
    }

    // the operands of the run being swept, by slot
    private int[] slotOf = filled(64);
    private int[] nodeOf = new int[16];
    private int slots;
    private double[][] v = new double[16][];
    private int[] vo = new int[16];
    private int[] vs = new int[16];
    private double[][] ga = new double[16][];
    private int[] go = new int[16];
    private int[] gs = new int[16];

    // the run being described, before its arrays are copied into a FusedRun.Spec (RecentRunSpecs' key)
    private final int[] sOp = new int[MAX_ENTRIES];
    private final double[] sParam = new double[MAX_ENTRIES];
    private final int[] sOut = new int[MAX_ENTRIES];
    private final int[] sArg0 = new int[MAX_ENTRIES];
    private final int[] sArg1 = new int[MAX_ENTRIES];
    private boolean[] sBroadcast = new boolean[16];
    private int[] sAdjoint = new int[16];
    private boolean[] sOutput = new boolean[16];
    private int[] sUses = new int[16];
    /** The runs this recorder described lately, reused when described again exactly. */
    private final RecentRunSpecs recentSpecs = new RecentRunSpecs();

    /** The loop of the run's reached, active entries, with their operands in {@link #v} … {@link #go}; null when none. */
    private FusedRun spec(GraphBuilder t, int first, int last, boolean[] reach, TensorTapeSweep sweep,
                          Primitive[] prims) {
        ShapeTable sh = t.shapes;
        int[] ap = t.argPool;
        if (slotOf.length < last + 1) {
            slotOf = new int[Math.max(last + 1, 2 * slotOf.length)];
            Arrays.fill(slotOf, -1);
        }
        slots = 0;
        boolean sum = sh.isScalar(last) && reach[last] && sweep.active[last];
        // a run's members are arrays and at most MAX_ENTRIES of them (find), which sOp … hold
        int entries = 0;
        for (int i = first; i <= last; i++) {
            if (run[i] != first || !reach[i] || !sweep.active[i] || sh.isScalar(i)) {
                continue;
            }
            Primitive p = prims[t.ops8[i] & 0xff];
            int m = sweep.arity[i];
            int s = sweep.start[i];
            sOp[entries] = p.code();
            sParam[entries] = p.hasParam() ? t.constPool[ap[s + m]] : 0.0;
            sOut[entries] = slot(i);
            sArg0[entries] = slot(ap[s]);
            sArg1[entries] = m == 2 ? slot(ap[s + 1]) : -1;
            entries++;
        }
        if (entries == 0) {
            return null;
        }
        int sumSlot = -1;
        int sumArg = -1;
        if (sum) {
            sumSlot = slot(last);
            sumArg = slot(ap[sweep.start[last]]);
        }
        return withOperands(t, sweep, entries, sumSlot, sumArg);
    }

    /**
     * The run's loop from its {@code e} entries (op codes, parameters, output and argument slots
     * in {@link #sOp} … {@link #sArg1}, the final sum's slots): how each slot's value is read and
     * where its adjoint goes, with the slot's arrays, offsets and strides put in {@link #v} …
     * {@link #gs} for the sweep. A run described exactly as one described lately takes that
     * description, loop and sharing ({@link RecentRunSpecs}).
     */
    private FusedRun withOperands(GraphBuilder t, TensorTapeSweep sweep, int e, int sumSlot, int sumArg) {
        ShapeTable sh = t.shapes;
        if (sBroadcast.length < slots) {
            int cap = Math.max(slots, 2 * sBroadcast.length);
            sBroadcast = new boolean[cap];
            sAdjoint = new int[cap];
            sOutput = new boolean[cap];
            sUses = new int[cap];
        }
        boolean[] broadcast = sBroadcast;
        int[] adjoint = sAdjoint;
        boolean[] output = sOutput;          // recomputed by the loop: entries not stored
        Arrays.fill(output, 0, slots, false);
        for (int j = 0; j < e; j++) {
            output[sOut[j]] = sh.isVirtual(nodeOf[sOut[j]]);
        }
        for (int k = 0; k < slots; k++) {
            int node = nodeOf[k];
            boolean one = sh.isScalar(node);
            broadcast[k] = one;
            sUses[k] = sweep.uses[node];
            // a virtual entry's value is recomputed by the loop; anything else is read in place
            v[k] = one ? t.values : output[k] ? sh.tensorValues[node] : sh.placeOf(node);
            vo[k] = one ? node : output[k] ? 0 : sh.placeOffset(node);
            vs[k] = one || output[k] ? 1 : sh.placeStride(node);
            go[k] = one ? node : 0;
            gs[k] = 1;
            if (k == sumSlot || !sweep.active[node]) {
                adjoint[k] = FusedRun.NONE;
                ga[k] = one ? gScalars : null;
            } else if (one) {
                adjoint[k] = FusedRun.BROADCAST;
                ga[k] = gScalars;
            } else if (local[node]) {
                adjoint[k] = FusedRun.LOCAL;
                ga[k] = null;
            } else {
                adjoint[k] = adjoints.isFresh(node) ? FusedRun.FRESH : FusedRun.ARRAY;
                ga[k] = sweep.blocks[node];
                go[k] = sweep.adjointOffset(node);
                gs[k] = sweep.adjointStride(node);
            }
        }
        for (int k = 0; k < slots; k++) {
            slotOf[nodeOf[k]] = -1;
        }
        RecentRunSpecs.Entry x = recentSpecs.find(e, slots, sOp, sParam, sOut, sArg0, sArg1, sumSlot, sumArg,
                broadcast, adjoint, output, vo, vs, go, gs, sUses);
        if (x != null) {
            RunAdjoints.shareAgain(x.spec(), x.rep(), nodeOf, ga, sweep);
            return x.run();
        }
        FusedRun.Layout layout = FusedRun.Layout.of(vo, vs, go, gs, slots);
        FusedRun.Spec spec = new FusedRun.Spec(Arrays.copyOf(broadcast, slots), Arrays.copyOf(adjoint, slots),
                Arrays.copyOf(output, slots), Arrays.copyOf(sOp, e), Arrays.copyOf(sParam, e), Arrays.copyOf(sOut, e),
                Arrays.copyOf(sArg0, e), Arrays.copyOf(sArg1, e), sumSlot, sumArg, layout);
        int[] rep = RunAdjoints.shareEqual(spec, nodeOf, ga, sweep);
        FusedRun loop = recent.get(spec);
        recentSpecs.remember(new RecentRunSpecs.Entry(spec, Arrays.copyOf(adjoint, slots), Arrays.copyOf(sUses, slots),
                loop, rep));
        return loop;
    }
}
