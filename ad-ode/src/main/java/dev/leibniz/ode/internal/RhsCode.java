package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LaneJvpGraph;
import dev.leibniz.core.internal.Sweeps;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One problem's right-hand side prepared for all of its solves: the interpreter's
 * {@link Sweeps}, made on first use, and JVM bytecode (ad-core's {@link GraphCompiler}) once the
 * problem is hot — a tiered scheme like the JVM's own. The bytecode computes exactly what the
 * interpreter computes, bit for bit (ad-core's contract), so which one a solve runs changes its
 * speed, never its numbers; a solve picks one when it starts ({@link #compiledForNextSolve}) and
 * keeps it, so even the adjoints' replays run the same code as their forward pass.
 *
 * <p>Why not compile at once: generating and loading the classes takes 2–50 ms on a loaded
 * machine (Lotka–Volterra's 15 nodes), and a one-off solve of a small problem takes 20 µs.
 * Compiled, a sweep of Lotka–Volterra's right-hand side takes about 5 ns instead of 20–25 ns, so
 * the plain solve drops from 26 to 16 µs. The compilation pays for itself after some 10⁵ sweeps;
 * {@link #COMPILE_AFTER} sweeps (values and reverse sweeps of all the problem's solves so far) is
 * that break-even. Graphs {@link GraphCompiler#isWorthCompiling} turns down, and graphs the
 * compiler refuses, stay interpreted.
 *
 * <p>Forward sensitivities get compiled code on the same rule: once the problem is hot, the first
 * solve with a given lane layout compiles the k-lane JVP graph of f ({@link LaneJvpGraph}: values,
 * partials and all tangent lanes in one generated method) and later solves with that layout reuse
 * it ({@link #sensitivityCodeForNextSolve}). Its tangent sweeps count towards the same total.
 *
 * <p>Thread-safe: solves on several threads share one instance; the count is approximate (each
 * {@link Tape} reports in batches) and compiling twice by a race is harmless.
 */
public final class RhsCode {
    /** Sweeps of the right-hand side after which the next solve runs compiled code. */
    public static final long COMPILE_AFTER = 100_000;
    /**
     * Largest nodes × lanes for which the k-lane JVP graph is built at all: beyond it the graph
     * (about two nodes per edge and lane) would exceed what {@link GraphCompiler#isWorthCompiling}
     * accepts anyway, and building it only to turn it down would cost milliseconds.
     */
    static final long MAX_LANE_WORK = 4L * GraphCompiler.AUTOMATIC_SINGLE_NODES;

    private final Graph graph;
    private final AtomicLong sweepCount = new AtomicLong();
    private volatile Sweeps sweeps;
    private volatile CompiledGraph compiled;
    private volatile boolean settled;
    /** Compiled k-lane sensitivity code per lane layout; empty where the interpreter serves. */
    private final ConcurrentHashMap<String, Optional<CompiledGraph>> laneCode = new ConcurrentHashMap<>();

    public RhsCode(Graph graph) {
        this.graph = graph;
    }

    public Graph graph() {
        return graph;
    }

    /**
     * The interpreter's sweeps.
     *
     * @throws dev.leibniz.core.ShapeException when the graph has a matrix node, naming it
     */
    Sweeps sweeps() {
        Sweeps s = sweeps;
        if (s == null) {
            s = new Sweeps(graph, "the ODE right-hand-side tape (Tape)");
            sweeps = s;
        }
        return s;
    }

    /** The compiled code for a solve that starts now, compiling it if the problem has become hot; else null. */
    CompiledGraph compiledForNextSolve() {
        if (!settled && sweepCount.get() >= COMPILE_AFTER) {
            compile();
        }
        return compiled;
    }

    /** Compiled code now, whatever the count (tests, and benchmarks that measure the compiled steady state). */
    public synchronized void compile() {
        if (settled) {
            return;
        }
        try {
            if (GraphCompiler.isWorthCompiling(graph)) {
                compiled = GraphCompiler.compile(graph);
            }
        } catch (GraphException refused) {
            // too large for the compiler: the interpreter serves
        }
        settled = true;
    }

    /**
     * The compiled k-lane JVP graph of f ({@link LaneJvpGraph#of}) for a solve that starts now, with
     * {@code tangent} the tangent kind of each input: null until the problem is hot (as
     * {@link #compiledForNextSolve}), and null for a layout whose graph is too large to be worth
     * compiling (the numeric lane sweep then serves). Its inputs are f's, then the lanes of the
     * seeded inputs; its outputs f's, then each output's lanes.
     */
    CompiledGraph sensitivityCodeForNextSolve(int[] tangent, int lanes) {
        if (compiledForNextSolve() == null) {
            return null;
        }
        String key = lanes + ":" + Arrays.toString(tangent);
        return laneCode.computeIfAbsent(key, k -> compileLanes(tangent, lanes)).orElse(null);
    }

    private Optional<CompiledGraph> compileLanes(int[] tangent, int lanes) {
        if ((long) graph.size() * lanes > MAX_LANE_WORK) {
            return Optional.empty();
        }
        try {
            Graph g = LaneJvpGraph.of(graph, lanes, tangent);
            return GraphCompiler.isWorthCompiling(g) ? Optional.of(GraphCompiler.compile(g)) : Optional.empty();
        } catch (GraphException refused) {
            return Optional.empty(); // too large for the compiler: the numeric lanes serve
        }
    }

    /** How many lane layouts have compiled sensitivity code (tests, and diagnosis). */
    public int compiledLaneLayouts() {
        int k = 0;
        for (Optional<CompiledGraph> c : laneCode.values()) {
            k += c.isPresent() ? 1 : 0;
        }
        return k;
    }

    /** True when solves starting now run compiled code. */
    public boolean isCompiled() {
        return compiled != null;
    }

    /** Adds a batch of sweeps to the count. */
    void count(long sweepsDone) {
        sweepCount.addAndGet(sweepsDone);
    }
}
