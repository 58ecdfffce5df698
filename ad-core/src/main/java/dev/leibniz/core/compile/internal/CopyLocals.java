package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.List;

/**
 * Which nodes of a loop body live only inside one iteration: the "to be recorded" analysis of
 * source-transformation tools (Tapenade, Enzyme), on the loops the compiler recovered.
 *
 * <p>A template node of a repeat ({@link Block}, possibly inside a {@link Nest}) is <em>local</em>
 * when, in every copy, only nodes of the same copy read it — not a later copy (the running sum of
 * a traced reduction), not another block, not the outputs — and every template node that reads it
 * names it the same way in every copy. For Rosenbrock's body
 * {@code f += 100·(x[2i+1] − x[2i]²)² + (1 − x[2i])²} that is every node but the running sum.
 *
 * <p>What the code generator does with it ({@link NodeEmitter}): the gradient's forward sweep
 * keeps local values in JVM locals and stores only the others; the reverse sweep recomputes the
 * local values of a copy in locals from the stored ones and keeps their adjoints in locals too.
 * The trade-off is Griewank's: recomputing a copy's intermediates costs its arithmetic once more,
 * storing them costs two memory accesses per value (a store forward, a load backward) plus two per
 * adjoint, and at 10⁶ iterations that traffic, not the arithmetic, is what the reverse sweep
 * waited on. The arithmetic is the same operations on the same operands, so values and adjoints
 * keep the interpreter's bits, and each local adjoint receives its terms in the interpreter's order.
 *
 * <p>Never local: input nodes (the reverse sweep has no input array), nodes read by primitives of
 * three or more arguments (their run-time helpers read the value and adjoint arrays), and such
 * nodes themselves.
 */
public final class CopyLocals {
    private final NodeTable t;
    /** For each node, the first node of the loop copy it belongs to (the node itself outside repeats). */
    private final int[] copy;
    /** Whether some node outside the node's copy reads it, or it is an output, or it must stay in the arrays. */
    private final boolean[] escapes;
    /** How many argument slots read the node. */
    private final int[] uses;
    /** Whether a node of the node's own copy reads it. */
    private final boolean[] usedInCopy;

    public CopyLocals(NodeTable t, List<Region> regions, int[] outputs) {
        this.t = t;
        this.copy = new int[t.size];
        for (int u = 0; u < t.size; u++) {
            copy[u] = u;
        }
        int node = 0;
        for (Region region : regions) {
            if (region instanceof Block b) {
                label(b, 0);
            } else {
                Nest n = (Nest) region;
                for (int r = 0; r < n.count(); r++) {
                    for (Block b : n.body()) {
                        label(b, r * n.nodeStride());
                    }
                }
            }
            node += region.nodes();
        }
        assert node == t.size : "regions cover " + node + " of " + t.size + " nodes";
        this.escapes = new boolean[t.size];
        this.uses = new int[t.size];
        this.usedInCopy = new boolean[t.size];
        for (int o : outputs) {
            escapes[o] = true;
            uses[o]++;
        }
        for (int c = 0; c < t.size; c++) {
            Primitive p = Primitives.byCode(t.op[c]);
            boolean general = p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT
                    && !RuleEmitter.handles(p);
            escapes[c] |= general || p.kind() == Primitive.Kind.INPUT;
            for (int k = t.argStart[c]; k < t.argStart[c + 1]; k++) {
                int a = t.args[k];
                escapes[a] |= general || copy[a] != copy[c];
                uses[a] += general ? 2 : 1;     // a general reader never lets an adjoint be carried
                usedInCopy[a] |= copy[a] == copy[c];
            }
        }
    }

    private void label(Block b, int shift) {
        for (int k = 0; k < b.count(); k++) {
            int first = b.start() + shift + k * b.period();
            for (int j = 0; j < b.period(); j++) {
                copy[first + j] = first;
            }
        }
    }

    /**
     * Per template node of repeat {@code b} (in {@code nest}, or null outside nests): whether it is
     * local; null when none is (or {@code b} is a single node).
     */
    boolean[] of(Nest nest, Block b) {
        if (!b.isRepeat()) {
            return null;
        }
        int copies = nest == null ? 1 : nest.count();
        int outer = nest == null ? 0 : nest.nodeStride();
        boolean[] local = new boolean[b.period()];
        for (int j = 0; j < local.length; j++) {
            boolean l = true;
            for (int r = 0; r < copies && l; r++) {
                for (int k = 0; k < b.count() && l; k++) {
                    l = !escapes[b.start() + j + k * b.period() + r * outer];
                }
            }
            local[j] = l;
        }
        // a reference that does not name the same template node in every copy reads the arrays
        Operands o = new Operands(t);
        o.enter(nest, b);
        for (int j = 0; j < local.length; j++) {
            for (int a = 0, arity = t.arity(b.start() + j); a < arity; a++) {
                if (localArg(b, j, a, o, local, outer) < 0) {
                    unlocalTargets(b, j, a, o, local, copies, outer);
                }
            }
        }
        for (boolean l : local) {
            if (l) {
                return local;
            }
        }
        return null;
    }

    /**
     * The template index of argument a of template node j when that argument is, in every copy,
     * the local node of that index in the same copy; else −1.
     */
    static int localArg(Block b, int j, int a, Operands o, boolean[] local, int nestStride) {
        if (local == null) {
            return -1;
        }
        int jj = o.table().arg(b.start() + j, a) - b.start();
        boolean sameCopy = jj >= 0 && jj < b.period() && o.argStride(j, a) == b.period()
                && o.outerArgStride(j, a) == nestStride;
        return sameCopy && local[jj] ? jj : -1;
    }

    /**
     * The template index jj when argument a of template node j is, in every copy k ≥ 1, node jj of
     * copy k − 1 (in copy 0: the node one period before the block), the same in every copy of
     * the nest; else −1. Such a value — the running sum of a traced reduction — can be carried
     * from copy to copy in a JVM local.
     */
    static int previousCopyArg(Block b, int j, int a, Operands o, int nestStride) {
        int jj = o.table().arg(b.start() + j, a) - b.start() + b.period();
        boolean previous = jj >= 0 && jj < b.period() && o.argStride(j, a) == b.period()
                && o.outerArgStride(j, a) == nestStride;
        return previous ? jj : -1;
    }

    /**
     * Per template node of repeat {@code b}: whether the next copy reads it as a previous-copy
     * argument ({@link #previousCopyArg}), so that the forward sweep can carry its value in a
     * local; null when none is.
     */
    boolean[] valueCarries(Nest nest, Block b) {
        if (!b.isRepeat()) {
            return null;
        }
        Operands o = new Operands(t);
        o.enter(nest, b);
        int outer = nest == null ? 0 : nest.nodeStride();
        boolean[] carried = new boolean[b.period()];
        boolean any = false;
        for (int j = 0; j < b.period(); j++) {
            for (int a = 0, arity = t.arity(b.start() + j); a < arity; a++) {
                int jj = previousCopyArg(b, j, a, o, outer);
                if (jj >= 0) {
                    carried[jj] = true;
                    any = true;
                }
            }
        }
        return any ? carried : null;
    }

    /**
     * Per template node of repeat {@code b}: whether its adjoint can be carried from copy to copy
     * in a local, the reverse sweep's mirror of {@link #valueCarries}. It can when exactly one
     * template argument reads it as a previous-copy argument, and in every copy but the last
     * nothing else reads it (so its adjoint is that one term, added to a zero), and in the last
     * copy no node of the copy reads it (so its adjoint is complete before the copy is swept), and
     * its own rules are emitted inline (a general node's run-time helper reads the adjoint array).
     * Null when no node qualifies.
     */
    boolean[] adjointCarries(Nest nest, Block b) {
        if (!b.isRepeat()) {
            return null;
        }
        Operands o = new Operands(t);
        o.enter(nest, b);
        int copies = nest == null ? 1 : nest.count();
        int outer = nest == null ? 0 : nest.nodeStride();
        int[] readers = new int[b.period()];
        for (int j = 0; j < b.period(); j++) {
            for (int a = 0, arity = t.arity(b.start() + j); a < arity; a++) {
                int jj = previousCopyArg(b, j, a, o, outer);
                if (jj >= 0) {
                    readers[jj]++;
                }
            }
        }
        boolean[] carried = new boolean[b.period()];
        boolean any = false;
        for (int jj = 0; jj < b.period(); jj++) {
            // a general node's run-time helper reads its adjoint from the array
            boolean c = readers[jj] == 1 && RuleEmitter.handles(Primitives.byCode(t.op[b.start() + jj]));
            boolean depends = false;
            for (int r = 0; r < copies && c; r++) {
                for (int k = 0; k < b.count() && c; k++) {
                    int u = b.start() + jj + k * b.period() + r * outer;
                    c = k < b.count() - 1 ? uses[u] == 1 : !usedInCopy[u];
                    depends |= t.dependsOnInput[u];
                }
            }
            carried[jj] = c && depends;
            any |= carried[jj];
        }
        return any ? carried : null;
    }

    /**
     * Per template node of repeat {@code b}: whether the gradient's forward sweep need not store
     * it in copies before the last, because only the next copy reads it, through the carried
     * local ({@link #valueCarries}), and the reverse sweep never reads it: its reader is not
     * recomputed ({@code local} false) and neither the reader's partials nor its own depend on
     * values (partials ±1, which {@link RuleEmitter} adds or subtracts). The running sum of a traced reduction is such a node: storing it cost a cache line
     * per copy. Null when none is.
     */
    boolean[] storeless(Nest nest, Block b, boolean[] local) {
        boolean[] carried = adjointCarries(nest, b);
        if (carried == null) {
            return null;
        }
        Operands o = new Operands(t);
        o.enter(nest, b);
        int outer = nest == null ? 0 : nest.nodeStride();
        boolean[] storeless = new boolean[b.period()];
        boolean any = false;
        for (int j = 0; j < b.period(); j++) {
            for (int a = 0, arity = t.arity(b.start() + j); a < arity; a++) {
                int jj = previousCopyArg(b, j, a, o, outer);
                if (jj >= 0 && carried[jj] && (local == null || !local[j])
                        && constantPartials(b.start() + j) && constantPartials(b.start() + jj)) {
                    storeless[jj] = true;
                    any = true;
                }
            }
        }
        return any ? storeless : null;
    }

    /** Fewest local nodes (itself and the local nodes it is computed from) for a value worth saving. */
    static final int SAVE_CONE = 4;

    /**
     * Per local template node of repeat {@code b}: whether the gradient's forward sweep also stores
     * its value (at its node index), so that the reverse sweep loads it instead of recomputing it
     * and the local nodes it is computed from (which the JIT then drops as dead code): a value that
     * a reader's partials may read (an edge whose declared partial is not constant), computed from
     * at least {@value #SAVE_CONE} local nodes. Its adjoint stays local. Null when none.
     */
    boolean[] saved(Nest nest, Block b, boolean[] local) {
        if (local == null) {
            return null;
        }
        int p = b.period();
        Operands o = new Operands(t);
        o.enter(nest, b, local);
        int outer = nest == null ? 0 : nest.nodeStride();
        java.util.BitSet[] cone = new java.util.BitSet[p];
        boolean[] read = new boolean[p];
        for (int j = 0; j < p; j++) {
            cone[j] = new java.util.BitSet(p);
            cone[j].set(j);
            int u = b.start() + j;
            Primitive prim = Primitives.byCode(t.op[u]);
            boolean valuePartials = false;
            for (int a = 0; a < t.arity(u); a++) {
                valuePartials |= Flow.flows(prim.code(), a) && o.argDependsOnInput(j, a)
                        && prim.constantPartial(a) != prim.constantPartial(a);
            }
            for (int a = 0; a < t.arity(u); a++) {
                int jj = localArg(b, j, a, o, local, outer);
                if (jj >= 0) {
                    cone[j].or(cone[jj]);
                    read[jj] |= valuePartials;
                }
            }
        }
        boolean[] saved = new boolean[p];
        boolean any = false;
        for (int j = 0; j < p; j++) {
            saved[j] = local[j] && read[j] && cone[j].cardinality() >= SAVE_CONE;
            any |= saved[j];
        }
        return any ? saved : null;
    }

    private boolean constantPartials(int u) {
        Primitive p = Primitives.byCode(t.op[u]);
        for (int k = 0; k < t.arity(u); k++) {
            double c = p.constantPartial(k);   // ±1: RuleEmitter adds or subtracts, reads no value
            if (c != 1.0 && c != -1.0 && Flow.flows(p.code(), k)) {
                return false;
            }
        }
        return RuleEmitter.handles(p);
    }

    /**
     * Whether the gradient's sweeps may read input nodes straight from the caller's input array
     * and add their adjoints straight into the caller's gradient, the input nodes' slots of the
     * value and adjoint arrays unused: at 10⁶ inputs those slots were 16 MB copied in and out on
     * every gradient. True when inputs are nodes {@code first … first + count − 1} and every read
     * that can reach an input node reaches only input nodes (the array to read is then fixed per
     * argument) and is made by emitted code (a general node's helper reads the arrays), and no
     * output is an input node.
     */
    public boolean inputsReadDirectly(List<Region> regions, int first, int count, int[] outputs) {
        if (first < 0) {
            return false;
        }
        for (int out : outputs) {
            if (out >= first && out < first + count) {
                return false;
            }
        }
        for (Region region : regions) {
            List<Block> blocks = region instanceof Block b ? List.of(b) : ((Nest) region).body();
            Nest nest = region instanceof Nest n ? n : null;
            for (Block b : blocks) {
                if (!directReads(nest, b, first, count)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean directReads(Nest nest, Block b, int first, int count) {
        Operands o = new Operands(t);
        o.enter(nest, b);
        int copies = nest == null ? 1 : nest.count();
        int outer = nest == null ? 0 : nest.nodeStride();
        for (int j = 0; j < b.period(); j++) {
            int u = b.start() + j;
            Primitive p = Primitives.byCode(t.op[u]);
            boolean general = p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT
                    && !RuleEmitter.handles(p);
            for (int a = 0; a < t.arity(u); a++) {
                int reach = reach(t.arg(u, a), o.argStride(j, a), b.count(), o.outerArgStride(j, a), copies,
                        first, count);
                if (reach < 0 || reach > 0 && general) {
                    return false;
                }
            }
        }
        boolean[] carried = valueCarries(nest, b);
        for (int jj = 0; carried != null && jj < carried.length; jj++) {
            if (carried[jj] && reach(b.start() + jj - b.period(), 0, 1, outer, copies, first, count) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the reads {@code base + k·stride + r·outer} (k &lt; copies, r &lt; nestCopies) fall: 0 when
     * none is an input node, 1 when all are, −1 when some are. An affine function on a box takes its
     * extremes at the corners.
     */
    private static int reach(int base, int stride, int copies, int outer, int nestCopies, int first, int count) {
        long lo = base + Math.min(0L, (long) stride * (copies - 1)) + Math.min(0L, (long) outer * (nestCopies - 1));
        long hi = base + Math.max(0L, (long) stride * (copies - 1)) + Math.max(0L, (long) outer * (nestCopies - 1));
        if (hi < first || lo >= first + count) {
            return 0;
        }
        return lo >= first && hi < first + count ? 1 : -1;
    }

    /** Marks as not local every template node that a non-canonical reference reaches in some copy. */
    private void unlocalTargets(Block b, int j, int a, Operands o, boolean[] local, int copies, int outer) {
        int base = t.arg(b.start() + j, a);
        for (int r = 0; r < copies; r++) {
            for (int k = 0; k < b.count(); k++) {
                int target = base + k * o.argStride(j, a) + r * o.outerArgStride(j, a);
                int first = b.start() + k * b.period() + r * outer;
                if (target >= first && target < first + b.period()) {
                    local[target - first] = false;
                }
            }
        }
    }

    /** Number of escaping nodes (values kept in the node arrays; for the compiler's choice of order, tests and statistics). */
    public int escaping() {
        int n = 0;
        for (boolean e : escapes) {
            n += e ? 1 : 0;
        }
        return n;
    }
}
