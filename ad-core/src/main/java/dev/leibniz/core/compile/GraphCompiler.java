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
        NodeTable t = NodeTable.of(graph);
        List<Block> blocks = RepeatFinder.blocks(t);
        List<Region> regions = NestFinder.regions(t, blocks);
        long single = singleNodes(regions);
        if (single > MAX_SINGLE_NODES) {
            throw new GraphException("graph of " + graph.size() + " nodes has " + single + " nodes outside repeated "
                    + "blocks, more than the " + MAX_SINGLE_NODES + " the compiler accepts; use the interpreter");
        }
        int[] outputs = new int[graph.outputCount()];
        for (int j = 0; j < outputs.length; j++) {
            outputs[j] = graph.outputNode(j);
        }
        CopyLocals locals = new CopyLocals(t, regions, outputs);
        // a trailing reduction moved into the loop that produces its terms, when that keeps more
        // values in registers (see ReductionSchedule); the node arrays are then in the new order
        int[] slot = null;
        int[] order = ReductionSchedule.order(t);
        if (order != null) {
            int[] newIndex = NodeTable.inverse(order);
            NodeTable t2 = t.permuted(order);
            List<Block> blocks2 = RepeatFinder.blocks(t2);
            List<Region> regions2 = NestFinder.regions(t2, blocks2);
            int[] outputs2 = new int[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                outputs2[j] = newIndex[outputs[j]];
            }
            CopyLocals locals2 = new CopyLocals(t2, regions2, outputs2);
            long single2 = singleNodes(regions2);
            if (locals2.escaping() < locals.escaping() && single2 <= single + single / 2 + 64) {
                slot = newIndex;
                t = t2;
                blocks = blocks2;
                regions = regions2;
                outputs = outputs2;
                locals = locals2;
                single = single2;
            }
        }
        int first = graph.inputCount() == 0 ? -1 : node(slot, graph.inputNode(0));
        for (int k = 1; k < graph.inputCount() && first >= 0; k++) {
            first = node(slot, graph.inputNode(k)) == first + k ? first : -1;
        }
        int direct = locals.inputsReadDirectly(regions, first, graph.inputCount(), outputs) ? first : -1;
        int sum = FusedReduction.sumNode(t, regions, outputs, locals);
        List<Kernel> kernels = new ArrayList<>();
        int methods = 0;
        int largestMethod = 0;
        int largestPool = 0;
        int b = 0;
        while (b < regions.size()) {
            KernelWriter w = new KernelWriter(t, locals, direct, graph.inputCount());
            if (sum >= 0) {
                w.fuse((Block) regions.get(regions.size() - 1), sum);
            }
            int end = w.forward(regions, b);
            w.forwardLean(regions, b, end);
            w.backward(regions, b, end);
            byte[] classFile = w.finish();
            kernels.add(KernelWriter.define(classFile));
            methods += w.chunks();
            largestMethod = Math.max(largestMethod, w.largestChunkBytes());
            largestPool = Math.max(largestPool, KernelWriter.constantPoolCount(classFile));
            b = end;
        }
        int repeats = 0;
        int nests = 0;
        for (Block k : blocks) {
            repeats += k.isRepeat() ? 1 : 0;
        }
        for (Region r : regions) {
            nests += r instanceof Nest ? 1 : 0;
        }
        CompileStatistics stats = new CompileStatistics(kernels.size(), methods, largestMethod, largestPool,
                repeats, nests, graph.size() - single, single);
        return new CompiledGraph(graph, kernels, stats, direct >= 0, slot);
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
