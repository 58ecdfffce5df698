package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.internal.Sweeps;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
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
 * <p>Thread-safe: solves on several threads share one instance; the count is approximate (each
 * {@link Tape} reports in batches) and compiling twice by a race is harmless.
 */
public final class RhsCode {
    /** Sweeps of the right-hand side after which the next solve runs compiled code. */
    public static final long COMPILE_AFTER = 100_000;

    private final Graph graph;
    private final AtomicLong sweepCount = new AtomicLong();
    private volatile Sweeps sweeps;
    private volatile CompiledGraph compiled;
    private volatile boolean settled;

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

    /** True when solves starting now run compiled code. */
    public boolean isCompiled() {
        return compiled != null;
    }

    /** Adds a batch of sweeps to the count. */
    void count(long sweepsDone) {
        sweepCount.addAndGet(sweepsDone);
    }
}
