package dev.leibniz.benchmarks;

import dev.leibniz.core.Graph;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.Jacobians;
import dev.leibniz.forward.TangentLanes;
import dev.leibniz.sparse.Coloring;
import dev.leibniz.sparse.Direction;
import dev.leibniz.sparse.GreedyColoring;
import dev.leibniz.sparse.SparseJacobian;
import dev.leibniz.sparse.SparsityDetector;
import dev.leibniz.sparse.SparsityPattern;
import dev.leibniz.sparse.examples.Brusselator2D;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Jacobian of the 2-D Brusselator right-hand side on an N×N periodic grid (2N² states,
 * 12N² nonzeros), each stage of the sparse pipeline timed on its own:
 * <ul>
 *   <li>{@code detectPattern}: the global pattern from graph reachability;</li>
 *   <li>{@code colorColumns}: greedy column coloring, best of all orderings;</li>
 *   <li>{@code compressedJacobian}: the prepared {@link SparseJacobian} (one forward pass plus
 *       as many JVP lanes as colors), written into a reused CSC matrix;</li>
 *   <li>{@code denseForward}: the dense forward-mode Jacobian, {@value ForwardReverseBenchmark#LANES}
 *       lanes per sweep (2N²/16 sweeps) — only for N ≤ {@value #DENSE_MAX_N}, where the dense
 *       matrix still fits comfortably (N = 128 would need 8.6 GB);</li>
 *   <li>{@code plainRhs}: the right-hand side in plain Java, the unit every time is divided by.</li>
 * </ul>
 * Detection, coloring and evaluation should each grow about linearly in N².
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SparseJacobianBenchmark {
    /** Largest grid for which the dense Jacobian is prepared and timed. */
    public static final int DENSE_MAX_N = 32;

    @Param({"16", "32", "64", "128"})
    public int N;

    private double alpha;
    private double[] state;
    private double[] rhs;
    private Graph graph;
    private SparsityPattern pattern;
    private SparseJacobian sparse;
    private DMatrixSparseCSC sparseOut;
    private ForwardProgram denseProgram;
    private TangentLanes denseLanes;
    private DMatrixRMaj denseOut;

    @Setup
    public void setUp() {
        alpha = Brusselator2D.defaultAlpha(N);
        state = Brusselator2D.initialState(N);
        rhs = new double[state.length];
        graph = Brusselator2D.graph(N, alpha);
        pattern = SparsityDetector.jacobian(graph);
        sparse = SparseJacobian.prepare(graph);
        sparseOut = sparse.evaluate(state);
        checkAgainstClosedForm(sparseOut);
        if (N <= DENSE_MAX_N) {
            denseProgram = ForwardProgram.prepare(graph, ForwardReverseBenchmark.LANES);
            denseLanes = denseProgram.newWorkspace();
            denseOut = new DMatrixRMaj(state.length, state.length);
            denseForward();
        }
    }

    @Benchmark
    public double[] plainRhs() {
        Brusselator2D.rhs(N, alpha, state, rhs);
        return rhs;
    }

    @Benchmark
    public SparsityPattern detectPattern() {
        return SparsityDetector.jacobian(graph);
    }

    @Benchmark
    public Coloring colorColumns() {
        return GreedyColoring.best(pattern, Direction.COLUMNS);
    }

    @Benchmark
    public DMatrixSparseCSC compressedJacobian() {
        return sparse.evaluate(state, sparseOut);
    }

    @Benchmark
    public DMatrixRMaj denseForward() {
        if (denseProgram == null) {
            throw new IllegalStateException("the dense Jacobian is timed for N ≤ " + DENSE_MAX_N + " only, not N = " + N);
        }
        return Jacobians.jacobianForward(denseProgram, denseLanes, state, denseOut);
    }

    /**
     * Every stored entry against the Jacobian worked out by hand, and the count 12N²: a wrong
     * pattern or a wrong decompression ends the benchmark instead of timing it.
     */
    private void checkAgainstClosedForm(DMatrixSparseCSC j) {
        int nn = N * N;
        if (j.nz_length != 12 * nn) {
            throw new IllegalStateException("Brusselator " + N + "×" + N + ": " + j.nz_length + " nonzeros, expected " + 12 * nn);
        }
        for (int col = 0; col < j.numCols; col++) {
            for (int e = j.col_idx[col]; e < j.col_idx[col + 1]; e++) {
                int row = j.nz_rows[e];
                double expected = entry(row, col);
                double actual = j.nz_values[e];
                if (Math.abs(actual - expected) > 1e-12 * Math.max(1.0, Math.abs(expected))) {
                    throw new IllegalStateException("Brusselator Jacobian entry (" + row + ", " + col + ") is " + actual
                            + ", expected " + expected);
                }
            }
        }
    }

    /** ∂f_row/∂s_col from the formulas of {@link Brusselator2D}. */
    private double entry(int row, int col) {
        int nn = N * N;
        int c = row % nn;
        boolean du = row < nn;
        boolean wrtU = col < nn;
        int k = col % nn;
        double u = state[c];
        double v = state[nn + c];
        if (k == c) {
            if (du) {
                return wrtU ? 2 * u * v - (Brusselator2D.A + 1) - 4 * alpha : u * u;
            }
            return wrtU ? Brusselator2D.A - 2 * u * v : -u * u - 4 * alpha;
        }
        return wrtU == du && neighbours(c, k) ? alpha : 0.0; // the Laplacian couples a species to itself
    }

    /** Whether grid cells c and k are adjacent on the periodic N×N grid. */
    private boolean neighbours(int c, int k) {
        int di = Math.floorMod(k / N - c / N, N);
        int dj = Math.floorMod(k % N - c % N, N);
        return (di == 0 && (dj == 1 || dj == N - 1)) || (dj == 0 && (di == 1 || di == N - 1));
    }
}
