package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.ExecutionMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Recorder;
import dev.leibniz.core.Shape;
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
 * Gradient of the extended Rosenbrock function, five ways, against the function in plain Java,
 * in one run so that the ratios are measured under the same load: the static graph interpreted
 * and compiled to bytecode ({@link ExecutionMode}), and dynamic recording (tape rebuilt on every
 * call, gradient written into an array), and a hand-written adjoint loop, the floor any AD tool
 * aims at. The plain function returns its value, which JMH consumes (a Blackhole), so the JIT
 * cannot drop the loop. Setup prints the recording's tape bytes per operation
 * and the compiler's statistics, and checks the gradients against the hand-written one.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CompiledGradientBenchmark -wi 2 -i 3 -w 1 -r 1 -f 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class CompiledGradientBenchmark {
    @Param({"10000", "1000000"})
    public int n;

    private double[] x;
    private double[] grad;
    private Program interpreted;
    private Workspace interpretedWorkspace;
    private Program compiled;
    private Workspace compiledWorkspace;
    Recorder recorder;
    private String[] names;
    private Var[] vars;
    private Recorder vectorRecorder;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        grad = new double[n];
        names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "x" + i;
        }
        GraphBuilder b = GraphBuilder.tracing();
        Var[] v = new Var[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.input(names[i]);
        }
        Graph g = b.build("f", Rosenbrock.value(v));
        interpreted = Program.compile(g, ExecutionMode.INTERPRETED);
        interpretedWorkspace = interpreted.newWorkspace();
        long t0 = System.nanoTime();
        compiled = Program.compile(g, ExecutionMode.COMPILED);
        long t1 = System.nanoTime();
        compiledWorkspace = compiled.newWorkspace();
        recorder = new Recorder();
        vars = new Var[n];

        double[] expected = new double[n];
        Rosenbrock.gradient(x, expected);
        check("interpreted", expected, interpretedGradient());
        check("compiled", expected, compiledGradient());
        check("dynamic", expected, dynamicGradient());
        vectorRecorder = new Recorder();
        check("dynamic vectorized", expected, dynamicVectorizedGradient());
        check("hand-written adjoint", expected, handAdjoint());
        System.out.printf("%n[n = %d] graph %d nodes, compiled in %.0f ms; tape %.2f bytes per recorded operation "
                + "(%d bytes, %d operations)%n", n, g.size(), (t1 - t0) / 1e6,
                recorder.tapeBytes() / (double) recorder.size(), recorder.tapeBytes(), recorder.size());
    }

    private void check(String what, double[] expected, double value) {
        if (Math.abs(value - Rosenbrock.value(x)) > 1e-9 * Math.abs(value)) {
            throw new IllegalStateException(what + " value " + value + " is not " + Rosenbrock.value(x));
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(grad[i] - expected[i]) > 1e-9 * Math.max(1, Math.abs(expected[i]))) {
                throw new IllegalStateException(what + " gradient[" + i + "] = " + grad[i] + ", expected " + expected[i]);
            }
        }
    }

    @Benchmark
    public double plainFunction() {
        return Rosenbrock.value(x);
    }

    /** Value and gradient by a hand-written adjoint loop (the floor: {@link Rosenbrock#valueAndGradient}). */
    @Benchmark
    public double handAdjoint() {
        return Rosenbrock.valueAndGradient(x, grad);
    }

    @Benchmark
    public double interpretedGradient() {
        return interpreted.valueAndGradient(interpretedWorkspace, x, grad, EvalOptions.DEFAULT);
    }

    @Benchmark
    public double compiledGradient() {
        return compiled.valueAndGradient(compiledWorkspace, x, grad, EvalOptions.DEFAULT);
    }

    /** Record the function on the current point, then one backward sweep (define-by-run). */
    @Benchmark
    public double dynamicGradient() {
        recorder.clear();
        for (int i = 0; i < n; i++) {
            vars[i] = recorder.parameter(names[i], x[i]);
        }
        return recorder.valueAndGradient(Rosenbrock.value(vars), grad);
    }

    /**
     * Record the vectorized user code ({@link Rosenbrock#valueVectorized}: one n×1 parameter,
     * each operation one tape entry on whole arrays), then one backward sweep; the function it
     * is compared with is the same plain loop.
     */
    @Benchmark
    public double dynamicVectorizedGradient() {
        vectorRecorder.clear();
        Var xv = vectorRecorder.parameter("x", x, new Shape(n, 1));
        return vectorRecorder.valueAndGradient(Rosenbrock.valueVectorized(xv), grad);
    }
}
