package dev.leibniz.benchmarks;

import dev.leibniz.core.ForwardMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import dev.leibniz.core.passes.InputOrderSchedule;
import dev.leibniz.core.passes.Passes;
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
 * A compiled Hessian–vector product of the extended Rosenbrock function (forward over reverse as
 * graph transformations: the JVP graph of the gradient graph, compiled to bytecode), against the
 * function in plain Java in the same run. Setup checks H·v against the closed form.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HvpBenchmark -f 1 -wi 4 -w 1 -i 6 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class HvpBenchmark {
    @Param({"10000"})
    public int n;

    private double[] x;
    /** x, then the direction v: the inputs of the HVP graph. */
    private double[] inputs;
    private double[] outputs;
    private CompiledGraph hvp;
    private CompiledGraph.Workspace workspace;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        GraphBuilder b = GraphBuilder.tracing();
        Var[] v = new Var[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.input("x" + i);
        }
        Graph f = b.build("f", Rosenbrock.value(v));
        Graph raw = ForwardMode.jvpGraph(ReverseMode.gradientGraph(f));
        // the gradient graph's reverse nodes of each pair moved next to its forward nodes, so that
        // the JVP graph is one loop; then CSE and DCE remove the subexpressions the two
        // transformations build twice (half the nodes). Every value is bitwise that of raw.
        Graph scheduled = ForwardMode.jvpGraph(InputOrderSchedule.apply(ReverseMode.gradientGraph(f)).graph());
        Graph h = Passes.optimize(scheduled).graph();
        hvp = GraphCompiler.compile(h);
        workspace = hvp.newWorkspace();
        inputs = new double[2 * n];
        System.arraycopy(x, 0, inputs, 0, n);
        for (int i = 0; i < n; i++) {
            inputs[n + i] = Math.sin(i + 1.0);
        }
        outputs = new double[h.outputCount()];
        compiledHvp();
        // outputs: f, ∂f/∂x (n), jvp_f, then H·v (n); closed form of Rosenbrock's 2×2 blocks
        for (int i = 0; i + 1 < n; i += 2) {
            double xi = x[i];
            double dxi = inputs[n + i];
            double dxj = inputs[n + i + 1];
            double hii = 1200 * xi * xi - 400 * x[i + 1] + 2;
            double hij = -400 * xi;
            double[] expected = {hii * dxi + hij * dxj, hij * dxi + 200 * dxj};
            for (int k = 0; k < 2; k++) {
                double got = outputs[n + 2 + i + k];
                if (Math.abs(got - expected[k]) > 1e-9 * Math.max(1, Math.abs(expected[k]))) {
                    throw new IllegalStateException("(H·v)[" + (i + k) + "] = " + got + ", expected " + expected[k]);
                }
            }
        }
        System.out.printf("%n[n = %d] HVP graph %d nodes (%d before optimization; the function's: %d), compiled: %s%n",
                n, h.size(), raw.size(), f.size(), hvp.statistics());
    }

    @Benchmark
    public double plainFunction() {
        return Rosenbrock.value(x);
    }

    /** f, ∇f, the directional derivative and H·v in one forward sweep of the compiled graph. */
    @Benchmark
    public double[] compiledHvp() {
        hvp.evaluate(inputs, outputs, workspace);
        return outputs;
    }
}
