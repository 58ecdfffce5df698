package dev.leibniz.benchmarks;

import dev.leibniz.ode.Method;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.sbml.petab.PetabObjective;
import dev.leibniz.sbml.petab.PetabProblem;
import java.nio.file.Path;
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
 * The PEtab benchmark problems at their nominal parameters (io-sbml's test resources; run from
 * the repository root): one simulation with the log-likelihood, one gradient by forward
 * sensitivities, one by the continuous adjoint. io-sbml's default, Rodas5P at rtol 1e-8, atol 1e-10,
 * for the stiff Boehm and Fujita, Dormand–Prince 5(4) at the same tolerances for Crauste; the
 * {@code method} parameter overrides the stiff problems' method by its id (e.g. {@code rosenbrock},
 * the order-2 method used before). AMICI's benchmark tests use rtol 1e-8 too (with CVODES' BDF).
 * {@link PetabMinimumTimes} runs the same methods as minimum-of-N timings.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PetabBenchmark {
    @Param({"Boehm_JProteomeRes2014", "Crauste_CellSystems2017", "Fujita_SciSignal2010"})
    public String problem;

    /** The stiff problems' method by its id; empty for io-sbml's default (Rodas5P). */
    @Param({""})
    public String method;

    private PetabObjective objective;
    private double[] theta;

    @Setup
    public void setup() {
        dev.leibniz.sbml.JsbmlLogging.quiet();
        Path yaml = Path.of("io-sbml", "src", "test", "resources", "petab", problem, problem + ".yaml");
        PetabProblem p = PetabProblem.read(yaml);
        SolverOptions o = PetabObjective.DEFAULT_OPTIONS;
        if (problem.startsWith("Crauste")) {
            o = o.withMethod(Method.DOPRI5);
        } else if (method != null && !method.isEmpty()) {
            o = o.withMethod(Method.valueOf(method.toUpperCase(java.util.Locale.ROOT)));
        }
        objective = new PetabObjective(p, o);
        theta = p.nominalOnScale();
    }

    @Benchmark
    public double simulation() {
        return objective.evaluate(theta).logLikelihood();
    }

    @Benchmark
    public double forwardGradient() {
        return objective.gradient(theta, SensitivityMethod.FORWARD).gradient()[0];
    }

    @Benchmark
    public double adjointGradient() {
        return objective.gradient(theta, SensitivityMethod.CONTINUOUS_ADJOINT).gradient()[0];
    }
}
