package dev.leibniz.core.compile;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.compile.internal.Block;
import dev.leibniz.core.compile.internal.CopyLocals;
import dev.leibniz.core.compile.internal.FusedReduction;
import dev.leibniz.core.compile.internal.Kernel;
import dev.leibniz.core.compile.internal.KernelWriter;
import dev.leibniz.core.compile.internal.Nest;
import dev.leibniz.core.compile.internal.NestFinder;
import dev.leibniz.core.compile.internal.NodeTable;
import dev.leibniz.core.compile.internal.RepeatFinder;
import dev.leibniz.core.compile.internal.ReductionSchedule;
import dev.leibniz.core.compile.internal.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a static graph — a function, its gradient graph, a JVP graph — to JVM bytecode:
 * the forward sweep and the reverse (adjoint) sweep, as the code a person would write by hand
 * for that one graph, with every node value in a {@code double[]} workspace.
 *
 * <p>How: the graph is cut into blocks ({@code internal.RepeatFinder}): runs that repeat a template of
 * nodes with arguments moving by fixed strides become loops, every other node becomes straight-line
 * code ({@code internal.NodeEmitter}); sequences of blocks that repeat in turn (the rows of a grid) become
 * nests, an outer loop over shared methods ({@code internal.NestFinder}). Blocks are packed into chunk
 * methods small enough for the JIT and chunk methods into hidden classes under the constant-pool
 * limit ({@code internal.KernelWriter}).
 *
 * <p>The reverse sweep of a loop is a source transformation of its body ({@code internal.CopyLocals}): values
 * private to a copy are recomputed in registers, a running sum's value and adjoint are carried in
 * registers, each copy's adjoints are computed in plain arithmetic under one finiteness guard
 * ({@code internal.GuardedCopy}), and a final reduction loop runs once, forward and reverse fused
 * ({@code internal.FusedReduction}) — all bitwise equal to the interpreter.
 *
 * <p>Why it is faster than the interpreter: no dispatch on op codes, no argument-pool
 * indirection, array indices that are constants or affine in a loop counter, and calls the JIT can
 * inline. The price is compilation (the graph is generated and then warmed up by the JIT, which
 * compiles a chunk method after a few thousand calls), so it pays for graphs evaluated many
 * times. Code size grows with the number of nodes that are not in a repeat or nest ("single
 * nodes"): about 25 bytes of bytecode per node forward and 60 backward, in chunk methods of
 * about 3 kB, each run once per evaluation, which the JIT compiles only after a few thousand
 * calls. Measured on a shared 2-core machine, a graph of 200 000 single nodes takes 3.4 s to
 * generate and is still slower than the interpreter after 3000 evaluations; one of 20 000 is
 * still slower after 12 000. So:
 * <ul>
 *   <li>{@link #compile} refuses graphs of more than {@value #MAX_SINGLE_NODES} single nodes
 *       (about 17 MB of bytecode; the constant pool, one entry per array index above 32767, is
 *       split across classes well before that);</li>
 *   <li>{@link #isWorthCompiling}, the rule of {@code ExecutionMode.AUTOMATIC}, asks for at most
 *       {@value #AUTOMATIC_SINGLE_NODES}: graphs made of loops (traced sums, grids, layers)
 *       compile to a few methods of any size, the JIT takes them within the first evaluations,
 *       and they run several times faster than the interpreter.</li>
 * </ul>
 */
public final class GraphCompiler {
    private GraphCompiler() {
    }

    /** Most single nodes (outside repeats and nests) that {@link #compile} accepts (see the class comment). */
    public static final int MAX_SINGLE_NODES = 200_000;

    /** Most single nodes for which {@link #isWorthCompiling} is true (see the class comment). */
    public static final int AUTOMATIC_SINGLE_NODES = 2_000;

    /** Compiles {@code graph}; throws {@link GraphException} when its code would be too large. */
    public static CompiledGraph compile(Graph graph) {
        if (graph == null) {
            throw new GraphException("the graph to compile must not be null");
        }
        int[] outputs = new int[graph.outputCount()];
        for (int j = 0; j < outputs.length; j++) {
            outputs[j] = graph.outputNode(j);
        }
        Plan plan = reductionInLoop(Plan.of(NodeTable.of(graph), outputs, null, graph));
        int first = graph.inputCount() == 0 ? -1 : node(plan.slot, graph.inputNode(0));
        for (int k = 1; k < graph.inputCount() && first >= 0; k++) {
            first = node(plan.slot, graph.inputNode(k)) == first + k ? first : -1;
        }
        int direct = plan.locals.inputsReadDirectly(plan.regions, first, graph.inputCount(), plan.outputs) ? first : -1;
        int sum = FusedReduction.sumNode(plan.t, plan.regions, plan.outputs, plan.locals);
        List<Kernel> kernels = new ArrayList<>();
        int methods = 0;
        int largestMethod = 0;
        int largestPool = 0;
        int b = 0;
        while (b < plan.regions.size()) {
            KernelWriter w = new KernelWriter(plan.t, plan.locals, direct, graph.inputCount());
            if (sum >= 0) {
                w.fuse((Block) plan.regions.get(plan.regions.size() - 1), sum);
            }
            int end = w.forward(plan.regions, b);
            w.forwardLean(plan.regions, b, end);
            w.backward(plan.regions, b, end);
            byte[] classFile = w.finish();
            kernels.add(KernelWriter.define(classFile));
            methods += w.chunks();
            largestMethod = Math.max(largestMethod, w.largestChunkBytes());
            largestPool = Math.max(largestPool, KernelWriter.constantPoolCount(classFile));
            b = end;
        }
        int repeats = 0;
        int nests = 0;
        for (Block k : plan.blocks) {
            repeats += k.isRepeat() ? 1 : 0;
        }
        for (Region r : plan.regions) {
            nests += r instanceof Nest ? 1 : 0;
        }
        CompileStatistics stats = new CompileStatistics(kernels.size(), methods, largestMethod, largestPool,
                repeats, nests, graph.size() - plan.single, plan.single);
        return new CompiledGraph(graph, kernels, stats, direct >= 0, plan.slot, first);
    }

    /**
     * How a node order is cut into code: its blocks, regions (loops, nests, single nodes), the
     * outputs' and every node's place in it ({@code slot}: null when node i is at i), and the values
     * its loop copies keep in registers.
     */
    private record Plan(NodeTable t, List<Block> blocks, List<Region> regions, int[] outputs, long single,
            int[] slot, CopyLocals locals) {

        /** The plan of {@code t}; with {@code limited} non-null, refuses more single nodes than the compiler accepts. */
        static Plan of(NodeTable t, int[] outputs, int[] slot, Graph limited) {
            List<Block> blocks = RepeatFinder.blocks(t);
            List<Region> regions = NestFinder.regions(t, blocks);
            long single = singleNodes(regions);
            if (limited != null && single > MAX_SINGLE_NODES) {
                throw new GraphException("graph of " + limited.size() + " nodes has " + single + " nodes outside "
                        + "repeated blocks, more than the " + MAX_SINGLE_NODES + " the compiler accepts; use the "
                        + "interpreter");
            }
            return new Plan(t, blocks, regions, outputs, single, slot, new CopyLocals(t, regions, outputs));
        }
    }

    /**
     * {@code plan} with a trailing reduction moved into the loop that produces its terms (see
     * {@code ReductionSchedule}), when that leaves fewer values escaping their loop copies without
     * many more single nodes; else {@code plan}. The node arrays are then in the new order.
     */
    private static Plan reductionInLoop(Plan plan) {
        int[] order = ReductionSchedule.order(plan.t);
        if (order == null) {
            return plan;
        }
        int[] newIndex = NodeTable.inverse(order);
        int[] outputs = new int[plan.outputs.length];
        for (int j = 0; j < outputs.length; j++) {
            outputs[j] = newIndex[plan.outputs[j]];
        }
        Plan moved = Plan.of(plan.t.permuted(order), outputs, newIndex, null);
        boolean better = moved.locals.escaping() < plan.locals.escaping()
                && moved.single <= plan.single + plan.single / 2 + 64;
        return better ? moved : plan;
    }

    private static int node(int[] slot, int node) {
        return slot == null ? node : slot[node];
    }

    /**
     * True when compiled code will soon be faster than the interpreter: at most
     * {@value #AUTOMATIC_SINGLE_NODES} nodes outside repeats and nests.
     */
    public static boolean isWorthCompiling(Graph graph) {
        if (graph == null) {
            throw new GraphException("the graph to compile must not be null");
        }
        NodeTable t = NodeTable.of(graph);
        return singleNodes(NestFinder.regions(t, RepeatFinder.blocks(t))) <= AUTOMATIC_SINGLE_NODES;
    }

    /** Nodes emitted as straight-line code of their own (single nodes outside nests). */
    private static long singleNodes(List<Region> regions) {
        long n = 0;
        for (Region r : regions) {
            n += r instanceof Block b && !b.isRepeat() ? 1 : 0;
        }
        return n;
    }
}
