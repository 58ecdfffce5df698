package dev.leibniz.benchmarks;

import dev.leibniz.core.Var;
import dev.leibniz.ode.LossGradient;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.Solution;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.ode.TrajectoryLoss;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One gradient of a Lotka–Volterra fitting loss — the inner step of calibrating a small model
 * against data: 2 states, 4 parameters, t ∈ [0, 20] with 21 observations, Dormand–Prince at
 * rtol 1e-6 — by forward sensitivities (what {@code AUTO} picks at this size) and, for
 * comparison, the two adjoints, beside one plain solve.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LotkaVolterraGradientBenchmark {
    private OdeProblem problem;
    private final double[] params = {0.55, 0.028, 0.80, 0.024};
    private double[] times;
    private TrajectoryLoss loss;
    private final SolverOptions options = SolverOptions.DEFAULT.withTolerances(1e-6, 1e-9);

    @Setup
    public void setUp() {
        problem = OdeProblem.builder()
                .states("hare", "lynx")
                .parameters("alpha", "beta", "gamma", "delta")
                .rhs((t, y, p) -> new Var[] {
                    y[0].mul(p[0]).sub(p[1].mul(y[0]).mul(y[1])),
                    p[3].mul(y[0]).mul(y[1]).sub(p[2].mul(y[1]))})
                .initial(33, 6.2)
                .build();
        times = new double[21];
        double[][] data = new double[21][2];
        for (int k = 0; k < 21; k++) {
            times[k] = k;
            data[k][0] = 30 + 10 * Math.sin(0.4 * k);
            data[k][1] = 12 + 6 * Math.cos(0.35 * k);
        }
        loss = TrajectoryLoss.sumOfSquares(data);
    }

    OdeProblem problem() {
        return problem;
    }

    double[] params() {
        return params;
    }

    double[] times() {
        return times;
    }

    TrajectoryLoss loss() {
        return loss;
    }

    @Benchmark
    public Solution plainSolve() {
        return Ode.solve(problem, params, times, options);
    }

    @Benchmark
    public LossGradient forwardGradient() {
        return Ode.gradient(problem, params, times, loss, SensitivityMethod.FORWARD, options);
    }

    /**
     * Forward sensitivities with only the states in the step-size control: fewer steps, the
     * sensitivities no longer held to the tolerance themselves.
     */
    @Benchmark
    public LossGradient forwardGradientStatesInNorm() {
        return Ode.gradient(problem, params, times, loss, SensitivityMethod.FORWARD,
                options.withSensitivitiesInErrorNorm(false));
    }

    @Benchmark
    public LossGradient discreteAdjointGradient() {
        return Ode.gradient(problem, params, times, loss, SensitivityMethod.DISCRETE_ADJOINT, options);
    }

    @Benchmark
    public LossGradient continuousAdjointGradient() {
        return Ode.gradient(problem, params, times, loss, SensitivityMethod.CONTINUOUS_ADJOINT, options);
    }
}
