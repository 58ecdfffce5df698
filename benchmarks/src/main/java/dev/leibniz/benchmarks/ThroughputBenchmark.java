package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.ExecutionMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import dev.leibniz.core.Workspace;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One compiled Rosenbrock gradient ({@link Program}, immutable) shared by 1 and by 8 threads,
 * each thread with its own {@link Workspace}: the way concurrent callers are meant to use
 * a program. The time per operation is per thread, so the throughput of t threads over one thread
 * is {@code t · time(1) / time(t)}; with c cores it can be at most about {@code min(t, c)}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ThroughputBenchmark -f 1 -wi 4 -w 1 -i 6 -r 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ThroughputBenchmark {

    /** The program every thread shares. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"10000"})
        public int n;
        Program program;

        @Setup(Level.Trial)
        public void setUp() {
            GraphBuilder b = GraphBuilder.tracing();
            Var[] v = new Var[n];
            for (int i = 0; i < n; i++) {
                v[i] = b.input("x" + i);
            }
            Graph g = b.build("f", Rosenbrock.value(v));
            program = Program.compile(g, ExecutionMode.COMPILED);
        }
    }

    /** One thread's workspace and arrays. */
    @State(Scope.Thread)
    public static class PerThread {
        Workspace workspace;
        double[] x;
        double[] grad;

        @Setup(Level.Trial)
        public void setUp(Shared s) {
            workspace = s.program.newWorkspace();
            x = Rosenbrock.start(s.n);
            grad = new double[s.n];
            double[] expected = new double[s.n];
            Rosenbrock.gradient(x, expected);
            s.program.valueAndGradient(workspace, x, grad, EvalOptions.DEFAULT);
            for (int i = 0; i < s.n; i++) {
                if (Math.abs(grad[i] - expected[i]) > 1e-9 * Math.max(1, Math.abs(expected[i]))) {
                    throw new IllegalStateException("gradient[" + i + "] = " + grad[i] + ", expected " + expected[i]);
                }
            }
        }
    }

    @Benchmark
    @Threads(1)
    public double oneThread(Shared s, PerThread t) {
        return s.program.valueAndGradient(t.workspace, t.x, t.grad, EvalOptions.DEFAULT);
    }

    @Benchmark
    @Threads(8)
    public double eightThreads(Shared s, PerThread t) {
        return s.program.valueAndGradient(t.workspace, t.x, t.grad, EvalOptions.DEFAULT);
    }
}
