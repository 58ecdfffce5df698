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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the cost of a trajectory-loss gradient grows with the number of parameters p, for the
 * three sensitivity methods against one plain solve, measured in one run.
 *
 * <p>The model is diffusion on a chain of p cells by the method of lines, with one diffusivity
 * per cell and a cubic sink,
 * <pre>  u_i' = k_i (u_{i−1} − 2u_i + u_{i+1}) − u_i³/2,   u_0 = u_{p+1} = 0,</pre>
 * on unit spacing (no 1/Δx² factor), so that it stays non-stiff at every p and Dormand–Prince
 * (rtol 1e-6) takes a similar number of steps throughout; n = p. The loss is the squared
 * distance to a decaying profile at 10 output times in [0, 5].
 *
 * <p>Expected shape: forward sensitivities integrate n(1 + p + n) equations, so their cost grows
 * like p² here (p + n tangent lanes on a graph of size ∝ p); the discrete and continuous
 * adjoints cost a small multiple of a plain solve at every p.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class OdeSensitivityBenchmark {
    @Param({"4", "16", "64", "256", "1000"})
    public int p;

    private OdeProblem problem;
    private double[] k;
    private double[] times;
    private TrajectoryLoss loss;
    private final SolverOptions options = SolverOptions.DEFAULT.withTolerances(1e-6, 1e-9);

    /** The chain of {@code cells} cells; states u0…, parameters k0…. */
    static OdeProblem diffusionChain(int cells) {
        String[] states = new String[cells];
        String[] params = new String[cells];
        double[] u0 = new double[cells];
        for (int i = 0; i < cells; i++) {
            states[i] = "u" + i;
            params[i] = "k" + i;
            u0[i] = Math.sin(Math.PI * (i + 1) / (cells + 1));
        }
        return OdeProblem.builder().states(states).parameters(params)
                .rhs((t, u, kk) -> {
                    Var[] du = new Var[cells];
                    for (int i = 0; i < cells; i++) {
                        Var lap = u[i].mul(-2.0);
                        if (i > 0) {
                            lap = lap.add(u[i - 1]);
                        }
                        if (i < cells - 1) {
                            lap = lap.add(u[i + 1]);
                        }
                        du[i] = kk[i].mul(lap).sub(u[i].square().mul(u[i]).mul(0.5));
                    }
                    return du;
                })
                .initial(u0).build();
    }

    @Setup
    public void setUp() {
        problem = diffusionChain(p);
        k = new double[p];
        for (int i = 0; i < p; i++) {
            k[i] = 0.3 + 0.1 * Math.sin(i);
        }
        times = new double[10];
        double[][] data = new double[10][p];
        for (int m = 0; m < 10; m++) {
            times[m] = 0.5 * (m + 1);
            for (int i = 0; i < p; i++) {
                data[m][i] = 0.8 * Math.exp(-0.2 * times[m]) * Math.sin(Math.PI * (i + 1) / (p + 1));
            }
        }
        loss = TrajectoryLoss.sumOfSquares(data);
    }

    @Benchmark
    public Solution plainSolve() {
        return Ode.solve(problem, k, times, options);
    }

    @Benchmark
    public LossGradient forwardSensitivities() {
        return Ode.gradient(problem, k, times, loss, SensitivityMethod.FORWARD, options);
    }

    @Benchmark
    public LossGradient discreteAdjoint() {
        return Ode.gradient(problem, k, times, loss, SensitivityMethod.DISCRETE_ADJOINT, options);
    }

    @Benchmark
    public LossGradient continuousAdjoint() {
        return Ode.gradient(problem, k, times, loss, SensitivityMethod.CONTINUOUS_ADJOINT, options);
    }
}
