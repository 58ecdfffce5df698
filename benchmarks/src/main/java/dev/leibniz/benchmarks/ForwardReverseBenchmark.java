package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import dev.leibniz.core.Workspace;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.Jacobians;
import dev.leibniz.forward.TangentLanes;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.analysis.differentiation.Gradient;
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
 * The full gradient of extended Rosenbrock (f: Rⁿ → R) by every mode, side by side with the
 * plain-Java function, so each ratio "gradient time / function time" comes from one run:
 * <ul>
 *   <li>{@code forward}: ad-forward vector mode, {@value #LANES} tangent lanes per sweep, so
 *       ⌈n/{@value #LANES}⌉ sweeps over the whole graph — cost grows ~n relative to f;</li>
 *   <li>{@code reverse}: one forward and one backward sweep with a reused workspace — cost a
 *       constant multiple of f, whatever n;</li>
 *   <li>{@code hipparchus}: Hipparchus {@code Gradient}, forward mode carrying all n partials
 *       in every intermediate value, O(n²) time and allocation — the Report runs it for
 *       n ≤ 1000 only.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardReverseBenchmark {
    /** Tangent lanes per forward sweep: 16 doubles fill two cache lines per node. */
    public static final int LANES = 16;

    @Param({"10", "100", "1000", "10000"})
    public int n;

    private double[] x;
    private double[] grad;
    private Program program;
    private Workspace workspace;
    private ForwardProgram forwardProgram;
    private TangentLanes lanes;
    private DMatrixRMaj forwardRow;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        grad = new double[n];
        GraphBuilder b = GraphBuilder.tracing();
        Var[] v = new Var[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.input("x" + i);
        }
        Graph g = b.build("f", Rosenbrock.value(v));
        program = g.compile();
        workspace = program.newWorkspace();
        forwardProgram = ForwardProgram.prepare(g, Math.min(LANES, n));
        lanes = forwardProgram.newWorkspace();
        forwardRow = new DMatrixRMaj(1, n);
        Sanity.checkGradient("forward", forward().data, x);
        reverse();
        Sanity.checkGradient("reverse", grad, x);
    }

    @Benchmark
    public double plainFunction() {
        return Rosenbrock.value(x);
    }

    @Benchmark
    public DMatrixRMaj forward() {
        return Jacobians.jacobianForward(forwardProgram, lanes, x, forwardRow);
    }

    @Benchmark
    public double reverse() {
        return program.valueAndGradient(workspace, x, grad, EvalOptions.DEFAULT);
    }

    @Benchmark
    public double hipparchus() {
        Gradient[] v = new Gradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = Gradient.variable(n, i, x[i]);
        }
        return Rosenbrock.value(v).getGradient()[n - 1];
    }
}
