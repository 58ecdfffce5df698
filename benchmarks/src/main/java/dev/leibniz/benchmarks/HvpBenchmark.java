package dev.leibniz.benchmarks;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.forward.CompiledHessianVector;
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
 * A compiled Hessian–vector product of the extended Rosenbrock function through the library's
 * entry point {@link CompiledHessianVector} (forward over reverse as graph transformations: the JVP
 * graph of the gradient graph, compiled to bytecode), against the function in plain Java in the
 * same run: H·v alone (with f, the product graph) and with the gradient (the full graph). Setup
 * checks H·v against the closed form.
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
    /** The direction v. */
    private double[] v;
    private double[] hv;
    private double[] gradient;
    private CompiledHessianVector hvp;
    private CompiledHessianVector.Workspace workspace;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        GraphBuilder b = GraphBuilder.tracing();
        Var[] vars = new Var[n];
        for (int i = 0; i < n; i++) {
            vars[i] = b.input("x" + i);
        }
        Graph f = b.build("f", Rosenbrock.value(vars));
        hvp = CompiledHessianVector.of(f);
        workspace = hvp.newWorkspace();
        v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i + 1.0);
        }
        hv = new double[n];
        gradient = new double[n];
        for (int withGradient = 0; withGradient < 2; withGradient++) {
            java.util.Arrays.fill(hv, Double.NaN);
            if (withGradient == 0) {
                compiledHvp();
            } else {
                compiledHvpAndGradient();
            }
            // closed form of Rosenbrock's 2×2 blocks
            for (int i = 0; i + 1 < n; i += 2) {
                double xi = x[i];
                double hii = 1200 * xi * xi - 400 * x[i + 1] + 2;
                double hij = -400 * xi;
                double[] expected = {hii * v[i] + hij * v[i + 1], hij * v[i] + 200 * v[i + 1]};
                for (int k = 0; k < 2; k++) {
                    double got = hv[i + k];
                    if (Math.abs(got - expected[k]) > 1e-9 * Math.max(1, Math.abs(expected[k]))) {
                        throw new IllegalStateException("(H·v)[" + (i + k) + "] = " + got + ", expected " + expected[k]);
                    }
                }
            }
        }
        System.out.printf("%n[n = %d] HVP graph %d nodes (the function's: %d), compiled with CompiledHessianVector%n",
                n, hvp.graph().size(), f.size());
    }

    @Benchmark
    public double plainFunction() {
        return Rosenbrock.value(x);
    }

    /** H·v (and f) by the library entry, without the gradient: one forward sweep of the product graph. */
    @Benchmark
    public double[] compiledHvp() {
        hvp.hvp(x, v, hv, null, workspace);
        return hv;
    }

    /** H·v with ∇f: one forward sweep of the full graph (f, ∇f, ∇f·v, H·v). */
    @Benchmark
    public double[] compiledHvpAndGradient() {
        hvp.hvp(x, v, hv, gradient, workspace);
        return hv;
    }
}
