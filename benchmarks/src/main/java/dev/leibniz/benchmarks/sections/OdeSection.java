package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.LogLogPlot;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 6: gradients of ODE solutions. The benchmark classes are written with the ODE module
 * (OdeSensitivityBenchmark: forward sensitivities vs adjoint as the parameter count p grows;
 * LotkaVolterraGradientBenchmark: one loss gradient), so this section reads them by convention:
 * the baseline is the method whose name contains "plain" (else "solve"), the modes are the
 * methods whose names contain "adjoint" and "forward", and the scaling parameter is "p" (else
 * the first parameter; the plot needs it to be the only one). Plot ode-scaling.png.
 */
public final class OdeSection implements Section {
    static final String SCALING = "OdeSensitivityBenchmark";
    static final String LOTKA_VOLTERRA = "LotkaVolterraGradientBenchmark";

    /** Issues 6 and 9: one Lotka–Volterra loss gradient, in nanoseconds. */
    static final double LV_TARGET_NS = 1e5;

    @Override
    public List<String> benchmarks() {
        return List.of(SCALING, LOTKA_VOLTERRA);
    }

    @Override
    public Output write(Results r, Path docs) throws IOException {
        if (!r.has(SCALING) && !r.has(LOTKA_VOLTERRA)) {
            return Output.NONE;
        }
        List<Check> checks = new ArrayList<>();
        StringBuilder md = new StringBuilder("## ODE sensitivities (issue 6)\n\n");
        if (r.has(SCALING)) {
            scaling(r, docs, md, checks);
        }
        if (r.has(LOTKA_VOLTERRA)) {
            md.append("### One Lotka–Volterra loss gradient (4 parameters, 2 states)\n\n");
            String base = baseline(r, LOTKA_VOLTERRA);
            md.append(MethodTable.of(r, LOTKA_VOLTERRA, base)).append('\n');
            Score best = null;
            String bestName = null;
            for (String m : MethodTable.containing(r, LOTKA_VOLTERRA, "adjoint", "forward", "gradient", "sensitiv", "discrete")) {
                for (Map<String, String> ps : r.paramSets(LOTKA_VOLTERRA)) {
                    Score s = r.find(LOTKA_VOLTERRA, m, ps).orElse(null);
                    if (s != null && (best == null || s.nanos() < best.nanos())) {
                        best = s;
                        bestName = m + (ps.isEmpty() ? "" : " " + ps);
                    }
                }
            }
            checks.add(Check.atMost("6", "one Lotka–Volterra loss gradient ≤ 0.1 ms (a mature Julia stack: about 0.1 ms)",
                    best == null ? null : best.nanos(), LV_TARGET_NS, best == null ? null : best + " (`" + bestName + "`)"));
        }
        md.append(Checks.table(checks));
        return new Output(md.toString(), checks);
    }

    private static void scaling(Results r, Path docs, StringBuilder md, List<Check> checks) throws IOException {
        md.append("### Forward sensitivities vs adjoint as the parameter count grows\n\n");
        String base = baseline(r, SCALING);
        md.append(MethodTable.of(r, SCALING, base)).append('\n');
        List<String> params = r.params(SCALING);
        String xParam = params.contains("p") ? "p" : params.isEmpty() ? null : params.get(0);
        if (xParam == null) {
            return;
        }
        List<String> xs = r.values(SCALING, xParam);
        double[] x = Series.numbers(xs);
        LogLogPlot plot = new LogLogPlot("Gradient of a trajectory loss vs parameter count", xParam,
                base == null ? "time (µs)" : "time / " + base);
        for (String m : r.methods(SCALING)) {
            if (m.equals(base)) {
                continue;
            }
            plot.series(m, x, base == null ? scaled(Series.times(r, SCALING, m, xParam, xs), 1e-3)
                    : Series.ratios(r, SCALING, m, base, xParam, xs));
        }
        if (plot.hasData()) {
            plot.save(docs.resolve("ode-scaling.png"));
            md.append("![ODE gradient time vs parameter count](ode-scaling.png)\n\n");
        }
        String adjoint = MethodTable.firstContaining(r, SCALING, "adjoint");
        String forward = MethodTable.firstContaining(r, SCALING, "forward");
        if (adjoint != null && forward != null && !adjoint.equals(forward)) {
            double[] a = Series.times(r, SCALING, adjoint, xParam, xs);
            double[] f = Series.times(r, SCALING, forward, xParam, xs);
            String crossover = "adjoint never faster in the range measured";
            for (int i = 0; i < xs.size(); i++) {
                if (a[i] < f[i]) {
                    crossover = "adjoint faster from " + xParam + " = " + xs.get(i) + " (`" + adjoint + "` vs `" + forward + "`)";
                    break;
                }
            }
            md.append("Crossover: ").append(crossover).append(". The published crossover for mature tools is around 50–100 "
                    + "parameters plus states.\n\n");
            checks.add(new Check("6", "forward vs adjoint crossover: reported (mature tools: 50–100 parameters plus states)",
                    crossover, null));
        }
    }

    private static String baseline(Results r, String bench) {
        return MethodTable.firstContaining(r, bench, "plain", "solve");
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }
}
