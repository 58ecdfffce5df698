package dev.leibniz.benchmarks;

import dev.leibniz.core.Var;
import dev.leibniz.ode.LossGradient;
import dev.leibniz.ode.Method;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.ode.TrajectoryLoss;
import dev.leibniz.ode.testset.StiffTestSet;

/**
 * Minimum-of-N wall time of a loss gradient through the stiff methods, by each
 * {@link SensitivityMethod}, side by side in one JVM (the evidence for {@code SensitivityMethod.AUTO}'s
 * rule; see docs/benchmarks.md, stiff section). Problems: Robertson on [0, 400] with its three log
 * rate constants (p + n = 6 lanes) and POLLU on [0, 60] (20 species, the gradient with respect to
 * the initial state: 20 lanes), at rtol 1e-10 / atol 1e-14 and rtol 1e-6 / atol 1e-10.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.StiffGradientMinimumTimes [reps]
 * </pre>
 */
public final class StiffGradientMinimumTimes {
    /** Where results go, so that the JIT cannot drop the calls. */
    static double sink;

    private StiffGradientMinimumTimes() {
    }

    static OdeProblem logRobertson() {
        return OdeProblem.builder().states("y1", "y2", "y3").parameters("logk1", "logk2", "logk3")
                .rhs((t, y, p) -> {
                    Var r1 = p[0].exp().mul(y[0]);
                    Var r2 = p[1].exp().mul(y[1].square());
                    Var r3 = p[2].exp().mul(y[1]).mul(y[2]);
                    return new Var[] {r3.sub(r1), r1.sub(r3).sub(r2), r2};
                }).initial(1, 0, 0).build();
    }

    /** Σ_k Σ_i w_i y_i(t_k)², weights 1/(scale)² so that every species counts. */
    static TrajectoryLoss weightedSquares(double[] w) {
        return (times, states, params, dStates, dParams) -> {
            double l = 0;
            for (int k = 0; k < times.length; k++) {
                for (int i = 0; i < w.length; i++) {
                    l += w[i] * states[k][i] * states[k][i];
                    dStates[k][i] = 2 * w[i] * states[k][i];
                }
            }
            return l;
        };
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        double[] rtols = {1e-10, 1e-6};
        double[] atols = {1e-14, 1e-10};
        Method[] methods = {Method.AUTO, Method.RODAS5P, Method.RODAS4, Method.RADAU5};
        SensitivityMethod[] sms = {SensitivityMethod.FORWARD, SensitivityMethod.DISCRETE_ADJOINT,
            SensitivityMethod.CONTINUOUS_ADJOINT};
        double[] w = new double[20];
        java.util.Arrays.fill(w, 1.0);
        Object[][] problems = {
            {"rober (p + n = 6)", logRobertson(), new double[] {Math.log(0.04), Math.log(3e7), Math.log(1e4)},
                new double[] {0.4, 4, 40, 400}, weightedSquares(new double[] {1, 1e8, 1})},
            {"pollu (p + n = 20)", StiffTestSet.pollution().problem(), new double[0], new double[] {1, 10, 60},
                weightedSquares(w)}};
        for (int tol = 0; tol < rtols.length; tol++) {
            for (Object[] pr : problems) {
                for (Method m : methods) {
                    SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(rtols[tol], atols[tol]);
                    StringBuilder line = new StringBuilder(String.format("%s rtol %.0e %s:", pr[0], rtols[tol], m));
                    for (SensitivityMethod sm : sms) {
                        if (sm == SensitivityMethod.CONTINUOUS_ADJOINT && !m.hasAdjoint()) {
                            continue;
                        }
                        Runnable r = () -> {
                            LossGradient g = Ode.gradient((OdeProblem) pr[1], (double[]) pr[2], (double[]) pr[3],
                                    (TrajectoryLoss) pr[4], sm, o);
                            sink += g.value();
                        };
                        line.append(String.format(" %s %.3g ms;", sm, MinimumTimes.minMillis(r, reps)));
                    }
                    LossGradient auto = Ode.gradient((OdeProblem) pr[1], (double[]) pr[2], (double[]) pr[3],
                            (TrajectoryLoss) pr[4], SensitivityMethod.AUTO, o);
                    line.append(" AUTO picks ").append(auto.method());
                    System.out.println(line);
                }
            }
        }
    }
}
