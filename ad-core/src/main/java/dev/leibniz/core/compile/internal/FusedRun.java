package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reverse sweep of a run of elementwise entries of a vectorized recording, as one generated
 * loop over the elements: for each element e, from the run's last entry to its first, the
 * adjoint of each entry's element e is tested for zero and sent to its arguments' elements e by
 * the entry's declared rule ({@link RuleEmitter}: calls to the primitive's own {@code partialA},
 * {@code derivative}, …, inlined by the JIT). The adjoints of nodes whose every consumer is in the
 * run live in JVM locals (registers); only the run's inputs, and nodes read outside it, have
 * adjoint arrays. Where an entry-by-entry sweep streams one array pass per entry and per
 * argument, this makes one pass — the hand-written adjoint's shape.
 *
 * <p>The values of entries that were not stored ({@code PendingRun}: a run read only through its
 * final sum) are recomputed in the loop from the run's inputs (the same {@code apply} of each
 * declaration); the others are read back. The trade-off of the compiler's loop copies: the
 * arithmetic once more instead of a store forward and a load backward per value.
 *
 * <p>The run is described by {@link Spec}: slots (the nodes the run reads or writes), each with
 * a value that is an array of the run's length or one broadcast element, and an adjoint that is an
 * array, a local, one broadcast element (accumulated in a local, written back after the loop),
 * or none; and the entries in tape order. The generated class is cached by the description, so a
 * loop that records the same shapes generates it once.
 *
 * <p>Exactness, as {@link RuleEmitter} and the lifted loops: every adjoint element receives its
 * terms in the order of the entry-by-entry sweep (entries in reverse tape order; an element's
 * rule reads only element e), and a broadcast argument receives one entry's terms in element
 * order (a run admits a broadcast argument that needs an adjoint only when no other entry reads
 * it). A local adjoint starts at +0 like a zeroed array element.
 */
public abstract class FusedRun {
    /** No adjoint (the slot needs none). */
    public static final int NONE = 0;
    /** The adjoint is element e of an array of the run's length. */
    public static final int ARRAY = 1;
    /** The adjoint is a local of the loop (every consumer is in the run). */
    public static final int LOCAL = 2;
    /** One broadcast element, accumulated over the whole loop in a local. */
    public static final int BROADCAST = 3;
    /**
     * Element e of an array of the run's length that the run reaches first: the loop writes every
     * element, starting from +0 instead of reading it, so the array needs no zero-fill before the
     * sweep and each element's first term costs no load (the adjoint of a roll, of a weight, of an
     * input that nodes before the run also read).
     */
    public static final int FRESH = 4;

    /**
     * A {@link #FRESH} argument (not an entry) whose every element the loop would write with the
     * same bits as another FRESH slot's ({@link #equalAdjoints}): its block is that slot's, and the
     * loop writes nothing for it — the four rolls of a periodic Laplacian, whose adjoints are all
     * the Laplacian's, are one array written once instead of four.
     */
    public static final int SAME = 5;

    /** True when a slot of adjoint kind {@code kind} receives its terms in the loop (not {@link #NONE} nor {@link #SAME}). */
    static boolean receives(int kind) {
        return kind != NONE && kind != SAME;
    }

    /**
     * Per slot, the {@link #FRESH} slot whose adjoint the loop would write with the same bits, or
     * the slot itself: two FRESH non-entry slots that each receive exactly one term, ḡ·1 from an
     * entry whose adjoint is, through +1 partials, one root's (each link a local or FRESH adjoint
     * that starts at +0 and receives that one term). Each is then +0 + ḡ_root, in the guarded
     * loop and in the exact one (which skips a zero ḡ and so also leaves +0), since
     * +0 + (+0 + x) = +0 + x for every x, ±0 and NaN included.
     */
    public static int[] equalAdjoints(Spec s) {
        int n = s.broadcast().length;
        int[] count = new int[n];
        int[] chain = new int[n];
        for (int k = 0; k < n; k++) {
            chain[k] = k;
        }
        if (s.sumSlot() >= 0) {
            count[s.sumArg()]++;
        }
        for (int j = s.op().length - 1; j >= 0; j--) {
            int o = s.out()[j];
            if (s.adjoint()[o] == NONE) {
                continue;
            }
            dev.leibniz.core.prim.Primitive p = dev.leibniz.core.prim.Primitives.byCode(s.op()[j]);
            boolean startsAtZero = s.adjoint()[o] == LOCAL || s.adjoint()[o] == FRESH;
            for (int k = 0, m = s.arg1()[j] < 0 ? 1 : 2; k < m; k++) {
                int a = k == 0 ? s.arg0()[j] : s.arg1()[j];
                if (s.adjoint()[a] == NONE || !dev.leibniz.core.prim.Flow.flows(p.code(), k)) {
                    continue;
                }
                chain[a] = ++count[a] == 1 && p.constantPartial(k) == 1.0 && startsAtZero ? chain[o] : a;
            }
        }
        boolean[] entry = new boolean[n];
        for (int o : s.out()) {
            entry[o] = true;
        }
        int[] rep = new int[n];
        for (int k = 0; k < n; k++) {
            rep[k] = k;
            if (s.adjoint()[k] != FRESH || entry[k] || count[k] != 1 || chain[k] == k) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                if (rep[j] == j && s.adjoint()[j] == FRESH && !entry[j] && count[j] == 1 && chain[j] == chain[k]) {
                    rep[k] = j;
                    break;
                }
            }
        }
        return rep;
    }

    /** True when adjoint kind {@code kind} is element e of an array ({@link #ARRAY} or {@link #FRESH}). */
    static boolean inArray(int kind) {
        return kind == ARRAY || kind == FRESH;
    }

    /**
     * Runs the reverse of the run over elements {@code [lo, hi)}. Slot s's value is
     * {@code v[s][vo[s] + e·vs[s]]} (or {@code v[s][vo[s]]} when broadcast: a slot may be a view
     * read in place), its adjoint
     * {@code g[s][go[s] + e·gs[s]]} (or {@code g[s][go[s]]}); the seed of a final sum is
     * {@code g[sum][go[sum]]}.
     */
    public abstract void backward(double[][] v, int[] vo, int[] vs, double[][] g, int[] go, int[] gs,
                                  Subgradients policy, int lo, int hi);

    /**
     * Evaluates the run's entries over elements {@code [lo, hi)}, in one pass: element e of every
     * entry in tape order ({@code P.apply} of the declaration, the lifted loops' operations),
     * each kept in a local for the entries after it and stored to its slot's array; a final sum
     * adds the last entry's elements in element order from +0, as {@code sum_to} does, and is
     * stored to {@code v[sum][vo[sum]]}. With {@code stores} false only the sum is stored (the
     * entries' arrays are left as they are, to be filled by a later call when something reads them).
     */
    public abstract void forward(double[][] v, int[] vo, int[] vs, Subgradients policy, int lo, int hi, boolean stores);

    /**
     * A run: per slot whether its value is one broadcast element, how its adjoint is held, and
     * whether the reverse loop recomputes it (an entry whose array was not stored); per
     * entry (tape order) its op code, parameter, output slot and argument slots (the second −1 for a
     * unary one); and the slot of a final sum of the last entry's output over all elements
     * ({@code sumSlot}, −1 when the run has none), whose adjoint seeds every element of its argument;
     * and, unless null, where each slot's elements are as constants of the generated loop
     * ({@link Layout}).
     */
    public record Spec(boolean[] broadcast, int[] adjoint, boolean[] recompute, int[] op, double[] param, int[] out, int[] arg0,
                       int[] arg1, int sumSlot, int sumArg, Layout layout) {
        /** A run whose strides are the call's ({@code vs}, {@code gs}), not constants of the generated loop. */
        public Spec(boolean[] broadcast, int[] adjoint, boolean[] recompute, int[] op, double[] param, int[] out, int[] arg0,
                    int[] arg1, int sumSlot, int sumArg) {
            this(broadcast, adjoint, recompute, op, param, out, arg0, arg1, sumSlot, sumArg, null);
        }

        /** True when {@code o} describes the same run (the same generated code serves both). */
        boolean sameAs(Spec o) {
            return sumSlot == o.sumSlot && sumArg == o.sumArg && Arrays.equals(op, o.op) && Arrays.equals(out, o.out)
                    && Arrays.equals(arg0, o.arg0) && Arrays.equals(arg1, o.arg1) && Arrays.equals(adjoint, o.adjoint)
                    && Arrays.equals(broadcast, o.broadcast) && Arrays.equals(param, o.param)
                    && Arrays.equals(recompute, o.recompute) && java.util.Objects.equals(layout, o.layout);
        }

        String key() {
            return Arrays.toString(broadcast) + Arrays.toString(adjoint) + Arrays.toString(recompute) + Arrays.toString(op) + Arrays.toString(param)
                    + Arrays.toString(out) + Arrays.toString(arg0) + Arrays.toString(arg1) + sumSlot + ":" + sumArg
                    + layout;
        }
    }

    /**
     * Offsets and strides of the slots' value and adjoint elements that the generated loop takes
     * as constants instead of reading {@code vo}, {@code vs}, {@code go}, {@code gs} (the call
     * must pass the same): a constant scale lets the JIT strength-reduce the index and check its
     * range once per loop, and a constant offset keeps a register free per slot — a run of 24
     * entries holds some 30 arrays live across its loop. A stride is always constant; an offset
     * only when it is below its stride (0 for an array of its own, 0 or 1 for the columns of an
     * interleaved pair), so that views at ever new offsets do not generate ever new classes; −1
     * marks an offset read from the call.
     */
    public record Layout(int[] valueOffset, int[] valueStride, int[] adjointOffset, int[] adjointStride) {
        /** The layout of the first {@code slots} slots of these operands. */
        public static Layout of(int[] vo, int[] vs, int[] go, int[] gs, int slots) {
            return new Layout(offsets(vo, vs, slots), Arrays.copyOf(vs, slots), offsets(go, gs, slots), Arrays.copyOf(gs, slots));
        }

        /** Whether {@link #of} these operands would give this layout (compared in place, nothing allocated). */
        public boolean describes(int[] vo, int[] vs, int[] go, int[] gs, int slots) {
            return valueStride.length == slots && Arrays.equals(valueStride, 0, slots, vs, 0, slots)
                    && Arrays.equals(adjointStride, 0, slots, gs, 0, slots)
                    && keeps(valueOffset, vo, vs, slots) && keeps(adjointOffset, go, gs, slots);
        }

        private static int[] offsets(int[] o, int[] st, int slots) {
            int[] r = new int[slots];
            for (int k = 0; k < slots; k++) {
                r[k] = kept(o[k], st[k]);
            }
            return r;
        }

        private static boolean keeps(int[] kept, int[] o, int[] st, int slots) {
            for (int k = 0; k < slots; k++) {
                if (kept[k] != kept(o[k], st[k])) {
                    return false;
                }
            }
            return true;
        }

        /** The offset a layout keeps as a constant: itself when below its stride, else −1 (read from the call). */
        private static int kept(int o, int st) {
            return o >= 0 && o < st ? o : -1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layout l && Arrays.equals(valueOffset, l.valueOffset) && Arrays.equals(valueStride, l.valueStride)
                    && Arrays.equals(adjointOffset, l.adjointOffset) && Arrays.equals(adjointStride, l.adjointStride);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(valueOffset) ^ 31 * Arrays.hashCode(adjointOffset);
        }

        @Override
        public String toString() {
            return Arrays.toString(valueOffset) + Arrays.toString(valueStride) + Arrays.toString(adjointOffset)
                    + Arrays.toString(adjointStride);
        }
    }

    private static final Map<String, FusedRun> CACHE = new HashMap<>();
    /** Most distinct runs kept; past it the cache starts again (a program that records ever new runs). */
    private static final int CACHE_LIMIT = 512;

    /** The generated loop of {@code spec}, from the cache when the same run was generated before. */
    public static FusedRun of(Spec spec) {
        String key = spec.key();
        synchronized (CACHE) {
            FusedRun r = CACHE.get(key);
            if (r == null) {
                if (CACHE.size() >= CACHE_LIMIT) {
                    CACHE.clear();
                }
                r = FusedRunWriter.generate(spec);
                CACHE.put(key, r);
            }
            return r;
        }
    }

    /**
     * The loops of the last few runs one recorder used, compared field by field: a recorder that
     * records the same program again finds its loops here without building the shared cache's
     * string key (which costs microseconds). Not thread-safe; one per recorder.
     */
    public static final class Recent {
        private final Spec[] specs = new Spec[16];
        private final FusedRun[] runs = new FusedRun[16];
        private int next;

        /** The loop of {@code spec}. */
        public FusedRun get(Spec spec) {
            for (int k = 0; k < specs.length; k++) {
                if (specs[k] != null && specs[k].sameAs(spec)) {
                    return runs[k];
                }
            }
            FusedRun r = of(spec);
            specs[next] = spec;
            runs[next] = r;
            next = (next + 1) % specs.length;
            return r;
        }
    }

    /** True when the primitive of op code {@code code} can be an entry of a run (one or two arguments, rules in a static field). */
    public static boolean fuses(int code) {
        dev.leibniz.core.prim.Primitive p = dev.leibniz.core.prim.Primitives.byCode(code);
        return RuleEmitter.handles(p) && PrimitiveFields.of(p) != null;
    }

    /**
     * True when two array adjoints of {@code mask} (bit s: slot s) are the same element in one
     * iteration e of {@code [lo, hi)}: {@code go[a] + e·gs[a] = go[b] + e·gs[b]} in one array.
     * The guarded loop holds each adjoint in a local until the element's guard, which is exact
     * only when no two held adjoints are one element; such a run takes the exact loop.
     */
    protected static boolean shareAnElement(double[][] g, int[] go, int[] gs, long mask, int lo, int hi) {
        if (hi <= lo) {
            return false;
        }
        for (long ma = mask; ma != 0; ma &= ma - 1) {
            int a = Long.numberOfTrailingZeros(ma);
            for (long mb = ma & (ma - 1); mb != 0; mb &= mb - 1) {        // the set bits above a
                int b = Long.numberOfTrailingZeros(mb);
                if (g[a] != g[b]) {
                    continue;
                }
                long d = (long) go[b] - go[a];
                long st = (long) gs[a] - gs[b];
                if (st == 0 ? d == 0 : d % st == 0 && d / st >= lo && d / st < hi) {
                    return true;
                }
            }
        }
        return false;
    }
}
