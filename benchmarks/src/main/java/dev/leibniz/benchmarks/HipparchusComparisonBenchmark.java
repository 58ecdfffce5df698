package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import dev.leibniz.core.Workspace;
import java.util.concurrent.TimeUnit;
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
 * The full gradient of extended Rosenbrock by Leibniz reverse mode vs Hipparchus
 * {@code Gradient} (forward mode, n tangent lanes carried by every intermediate value).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HipparchusComparisonBenchmark {
    @Param({"10", "100", "1000"})
    public int n;

    private double[] x;
    private double[] grad;
    private Program program;
    private Workspace workspace;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        grad = new double[n];
        GraphBuilder b = GraphBuilder.tracing();
        Var[] v = new Var[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.input("x" + i);
        }
        program = b.build("f", Rosenbrock.value(v)).compile();
        workspace = program.newWorkspace();
    }

    @Benchmark
    public double leibnizReverse() {
        return program.valueAndGradient(workspace, x, grad, EvalOptions.DEFAULT);
    }

    @Benchmark
    public double hipparchusForward() {
        Gradient[] v = new Gradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = Gradient.variable(n, i, x[i]);
        }
        return Rosenbrock.value(v).getGradient()[0];
    }
}
