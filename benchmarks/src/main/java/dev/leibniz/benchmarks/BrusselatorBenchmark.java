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
 * A vector–Jacobian product wᵀJ of the Brusselator right-hand side (what an adjoint ODE solver
 * needs at every step) against the right-hand side itself in plain Java, in one run: the graph
 * of Σ w_k f_k(s), with the state s and the weights w as inputs (its gradient is wᵀJ and f(s)),
 * interpreted, compiled, and recorded dynamically on every call. The periodic
 * boundary breaks every grid row's repeat at its two ends, so the compiled code is a mix of
 * loops and straight-line code.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BrusselatorBenchmark -wi 2 -i 3 -w 1 -r 1 -f 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class BrusselatorBenchmark {
    @Param({"32", "128"})
    public int n;

    private double[] state;
    /** The state, then the weights: the inputs of the graph. */
    private double[] inputs;
    private double[] out;
    private double[] vjp;
    private Program interpreted;
    private Workspace interpretedWorkspace;
    private Program compiled;
    private Workspace compiledWorkspace;
    private Recorder recorder;
    private String[] names;
    private Var[] vars;
    private double[] weights;
    private Recorder vectorRecorder;

    @Setup
    public void setUp() {
        state = Brusselator.start(n);
        int m = state.length;
        inputs = new double[2 * m];
        System.arraycopy(state, 0, inputs, 0, m);
        for (int k = 0; k < m; k++) {
            inputs[m + k] = Math.sin(k + 1.0);
        }
        out = new double[m];
        vjp = new double[2 * m];
        names = new String[2 * m];
        GraphBuilder b = GraphBuilder.tracing();
        Var[] s = new Var[2 * m];
        for (int k = 0; k < 2 * m; k++) {
            names[k] = (k < m ? "s" : "w") + k;
            s[k] = b.input(names[k]);
        }
        Graph g = b.build("wf", weightedSum(s, m));
        interpreted = Program.compile(g, ExecutionMode.INTERPRETED);
        interpretedWorkspace = interpreted.newWorkspace();
        compiled = Program.compile(g, ExecutionMode.COMPILED);
        compiledWorkspace = compiled.newWorkspace();
        recorder = new Recorder();
        vars = new Var[2 * m];
        interpretedVjp();
        double[] expected = vjp.clone();
        compiledVjp();
        if (!java.util.Arrays.equals(expected, vjp)) {
            throw new IllegalStateException("compiled and interpreted VJPs differ");
        }
        weights = java.util.Arrays.copyOfRange(inputs, m, 2 * m);
        vectorRecorder = new Recorder();
        dynamicVectorizedVjp();
        for (int k = 0; k < 2 * m; k++) {
            if (Math.abs(vjp[k] - expected[k]) > 1e-9 * Math.max(1, Math.abs(expected[k]))) {
                throw new IllegalStateException("vectorized recording: vjp[" + k + "] = " + vjp[k] + ", expected " + expected[k]);
            }
        }
        dynamicVjp();
        if (!java.util.Arrays.equals(expected, vjp)) {
            throw new IllegalStateException("recorded and interpreted VJPs differ");
        }
        // the gradient with respect to the weights is f(s) itself
        Brusselator.rhs(n, state, out);
        for (int k = 0; k < m; k++) {
            if (Math.abs(vjp[m + k] - out[k]) > 1e-9 * Math.max(1, Math.abs(out[k]))) {
                throw new IllegalStateException("∂/∂w_" + k + " = " + vjp[m + k] + " is not f_" + k + " = " + out[k]);
            }
        }
        System.out.printf("%n[N = %d] %d states, graph %d nodes, compiled: %s%n", n, m, g.size(),
                dev.leibniz.core.compile.GraphCompiler.compile(g).statistics());
    }

    /** Σ w_k f_k(s) over variables s (the first m) and w (the last m). */
    private Var weightedSum(Var[] sw, int m) {
        Var[] s = java.util.Arrays.copyOfRange(sw, 0, m);
        Var[] w = java.util.Arrays.copyOfRange(sw, m, 2 * m);
        return Brusselator.weightedSum(Brusselator.rhs(n, s), w);
    }

    @Benchmark
    public double[] plainRhs() {
        Brusselator.rhs(n, state, out);
        return out;
    }

    @Benchmark
    public double interpretedVjp() {
        return interpreted.valueAndGradient(interpretedWorkspace, inputs, vjp, EvalOptions.DEFAULT);
    }

    @Benchmark
    public double compiledVjp() {
        return compiled.valueAndGradient(compiledWorkspace, inputs, vjp, EvalOptions.DEFAULT);
    }

    @Benchmark
    public double dynamicVjp() {
        recorder.clear();
        for (int k = 0; k < vars.length; k++) {
            vars[k] = recorder.parameter(names[k], inputs[k]);
        }
        return recorder.valueAndGradient(weightedSum(vars, vars.length / 2), vjp);
    }

    /**
     * The same VJP recorded from vectorized user code ({@link Brusselator#weightedSumVectorized}):
     * two vector parameters, each operation one tape entry on whole grids.
     */
    @Benchmark
    public double dynamicVectorizedVjp() {
        vectorRecorder.clear();
        int m = state.length;
        Var s = vectorRecorder.parameter("s", state, new Shape(m, 1));
        Var w = vectorRecorder.parameter("w", weights, new Shape(m, 1));
        return vectorRecorder.valueAndGradient(Brusselator.weightedSumVectorized(n, s, w), vjp);
    }
}
