package dev.leibniz.benchmarks;

import dev.leibniz.ode.testset.StiffTestSet;
import dev.leibniz.ode.Method;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.Solution;
import dev.leibniz.ode.SolverOptions;
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
 * Wall time of one solve of each stiff problem of the Bari test set ({@link StiffTestSet}) to its
 * end time at rtol = atol = 1e-6 (E5: atol 1.7e-24), by the previous stiff method (Rosenbrock23),
 * Rodas4, Rodas5P and the switching AUTO, measured side by side in one run. Each invocation
 * builds nothing: the problem is made once per trial; the solve compiles its right-hand side's
 * Jacobian program as every user call does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StiffTestSetBenchmark {
    @Param({"rober", "vdpol", "vdpolm", "orego", "hires", "e5", "pollu"})
    public String problem;

    @Param({"ROSENBROCK", "RODAS4", "RODAS5P", "AUTO"})
    public String method;

    private StiffTestSet p;
    private SolverOptions options;
    private double[] end;

    @Setup
    public void setUp() {
        for (StiffTestSet s : StiffTestSet.all()) {
            if (s.name().equals(problem)) {
                p = s;
            }
        }
        options = SolverOptions.DEFAULT.withMethod(Method.valueOf(method)).withTolerances(1e-6, p.atolFor(1e-6));
        end = new double[] {p.tEnd()};
    }

    @Benchmark
    public Solution solve() {
        return Ode.solve(p.problem(), new double[0], end, options);
    }
}
