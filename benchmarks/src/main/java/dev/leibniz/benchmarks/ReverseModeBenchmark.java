package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Recorder;
import dev.leibniz.core.Var;
import dev.leibniz.core.Workspace;
import java.util.concurrent.TimeUnit;
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
 * Gradient of the extended Rosenbrock function against the function itself in plain Java,
 * measured in one run: static graph (traced once, compiled, run with a reused workspace) and
 * dynamic recording (the tape rebuilt on every call, as define-by-run code does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReverseModeBenchmark {
    @Param({"10000", "1000000"})
    public int n;

    private double[] x;
    private double[] grad;
    private Program program;
    private Workspace workspace;
    private Recorder recorder;

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
        recorder = new Recorder();
        dynamicGradient(); // size the recorder's arrays once
    }

    @Benchmark
    public double plainFunction() {
        return Rosenbrock.value(x);
    }

    @Benchmark
    public double staticGradient() {
        return program.valueAndGradient(workspace, x, grad, EvalOptions.DEFAULT);
    }

    @Benchmark
    public double dynamicGradient() {
        recorder.clear();
        Var[] v = new Var[n];
        for (int i = 0; i < n; i++) {
            v[i] = recorder.parameter(PARAM_NAMES.name(i), x[i]);
        }
        return recorder.gradient(Rosenbrock.value(v)).value();
    }

    /** Parameter names built once, so the benchmark times recording, not string formatting. */
    private static final Names PARAM_NAMES = new Names(1_000_000);

    static final class Names {
        private final String[] names;

        Names(int n) {
            names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = "x" + i;
            }
        }

        String name(int i) {
            return names[i];
        }
    }
}
