package dev.leibniz.benchmarks;

import dev.leibniz.ode.Method;
import dev.leibniz.ode.Norm;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimum-of-N timings of {@link LotkaVolterraGradientBenchmark}'s workloads, for a machine too
 * loaded for JMH's averages (see {@link MinimumTimes}): the plain solve with the default options
 * and with the method and norm set explicitly (to price Method.AUTO's stiffness test and the
 * BOUNDED_RMS norm apart), and the loss gradient by the discrete adjoint and by forward
 * sensitivities. The operations alternate in rounds of {@code reps} calls each; the minimum
 * per operation over all rounds after the first is printed, with its range over those rounds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.LvMinimumTimes [reps [rounds [name]]]
 * </pre>
 * {@code name} runs one operation only, by its printed name (for a profiler).
 */
public final class LvMinimumTimes {
    private LvMinimumTimes() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        LotkaVolterraGradientBenchmark b = new LotkaVolterraGradientBenchmark();
        b.setUp();
        SolverOptions base = SolverOptions.DEFAULT.withTolerances(1e-6, 1e-9);
        List<String> names = new ArrayList<>();
        List<Runnable> ops = new ArrayList<>();
        names.add("plainSolve (default: AUTO, BOUNDED_RMS)");
        ops.add(() -> MinimumTimes.sink += b.plainSolve().value(20, 0));
        String[][] variants = {{"DOPRI5", "RMS"}, {"DOPRI5", "BOUNDED_RMS"}, {"AUTO", "RMS"}};
        for (String[] v : variants) {
            SolverOptions o = base.withMethod(Method.valueOf(v[0])).withNorm(Norm.valueOf(v[1]));
            names.add("plainSolve " + v[0] + ", " + v[1]);
            ops.add(() -> MinimumTimes.sink += Ode.solve(b.problem(), b.params(), b.times(), o).value(20, 0));
        }
        names.add("discreteAdjointGradient");
        ops.add(() -> MinimumTimes.sink += b.discreteAdjointGradient().value());
        names.add("forwardGradient");
        ops.add(() -> MinimumTimes.sink += b.forwardGradient().value());
        names.add("forwardGradient DOPRI5, RMS");
        SolverOptions old = base.withMethod(Method.DOPRI5).withNorm(Norm.RMS);
        ops.add(() -> MinimumTimes.sink += Ode.gradient(b.problem(), b.params(), b.times(), b.loss(),
                SensitivityMethod.FORWARD, old).value());
        names.add("discreteAdjointGradient DOPRI5, RMS");
        ops.add(() -> MinimumTimes.sink += Ode.gradient(b.problem(), b.params(), b.times(), b.loss(),
                SensitivityMethod.DISCRETE_ADJOINT, old).value());
        names.add("discreteAdjointGradient, maxCheckpoints 128");
        SolverOptions roomy = base.withMaxCheckpoints(128); // a budget above the 55 steps (the default 64 holds them too)
        ops.add(() -> MinimumTimes.sink += Ode.gradient(b.problem(), b.params(), b.times(), b.loss(),
                SensitivityMethod.DISCRETE_ADJOINT, roomy).value());
        if (args.length > 2) { // one operation only (for a profiler)
            for (int k = ops.size() - 1; k >= 0; k--) {
                if (!names.get(k).equals(args[2])) {
                    names.remove(k);
                    ops.remove(k);
                }
            }
        }
        int m = ops.size();
        double[] best = new double[m];
        double[] worstMin = new double[m];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < m; k++) {
                double t = MinimumTimes.min(ops.get(k), reps) / 1e3;
                if (r > 0) {
                    best[k] = Math.min(best[k], t);
                    worstMin[k] = Math.max(worstMin[k], t);
                }
            }
        }
        for (int k = 0; k < m; k++) {
            System.out.printf("%-45s min %8.2f us  (round minima %.2f .. %.2f)%n", names.get(k), best[k], best[k],
                    worstMin[k]);
        }
        System.out.println("# " + MinimumTimes.sink);
    }
}
