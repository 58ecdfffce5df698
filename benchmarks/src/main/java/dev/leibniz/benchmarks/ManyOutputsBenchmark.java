package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.Jacobians;
import dev.leibniz.forward.TangentLanes;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
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
 * The other side of forward vs reverse: the Jacobian (a column, m×1) of g: R → Rᵐ with
 * gᵢ(x) = sin(i·x)·x, i = 1…m. Forward mode needs one tangent sweep (one input); reverse mode
 * needs m backward sweeps (one per output, {@code Jacobians.jacobianReverse} on a prepared
 * program), each over the whole graph, so reverse/forward should grow ~m. The plain-Java
 * evaluation of all m outputs is the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManyOutputsBenchmark {
    @Param({"10", "100", "1000", "10000"})
    public int m;

    private static final double X = 0.7;

    private final double[] x = {X};
    private double[] out;
    private Program program;
    private ForwardProgram forwardProgram;
    private TangentLanes lanes;
    private DMatrixRMaj forwardColumn;
    private DMatrixRMaj reverseColumn;

    /** The graph of g with outputs g1 … gm. */
    static Graph graph(int m) {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        String[] names = new String[m];
        int[] nodes = new int[m];
        for (int i = 1; i <= m; i++) {
            names[i - 1] = "g" + i;
            nodes[i - 1] = b.constant(i).mul(x).sin().mul(x).node();
        }
        return b.build(names, nodes);
    }

    @Setup
    public void setUp() {
        out = new double[m];
        Graph g = graph(m);
        program = g.compile();
        forwardProgram = ForwardProgram.prepare(g, 1);
        lanes = forwardProgram.newWorkspace();
        forwardColumn = new DMatrixRMaj(m, 1);
        reverseColumn = new DMatrixRMaj(m, 1);
        double[] expected = new double[m];
        for (int i = 1; i <= m; i++) {
            expected[i - 1] = i * Math.cos(i * X) * X + Math.sin(i * X); // d/dx [sin(i·x)·x]
        }
        Sanity.check("forward Jacobian of g", forward().data, expected, 1e-12);
        Sanity.check("reverse Jacobian of g", reverse().data, expected, 1e-12);
    }

    @Benchmark
    public double[] plainFunction() {
        double x0 = x[0]; // read from the state, so the JIT cannot fold a constant
        for (int i = 1; i <= m; i++) {
            out[i - 1] = Math.sin(i * x0) * x0;
        }
        return out;
    }

    @Benchmark
    public DMatrixRMaj forward() {
        return Jacobians.jacobianForward(forwardProgram, lanes, x, forwardColumn);
    }

    @Benchmark
    public DMatrixRMaj reverse() {
        return Jacobians.jacobianReverse(program, x, EvalOptions.DEFAULT, reverseColumn);
    }
}
