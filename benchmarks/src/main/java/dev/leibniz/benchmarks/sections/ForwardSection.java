package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.ForwardReverseBenchmark;
import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Fmt;
import dev.leibniz.benchmarks.report.LogLogPlot;
import dev.leibniz.benchmarks.report.PowerLaw;
import dev.leibniz.benchmarks.report.Ratio;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 4: forward vs reverse mode. Many inputs, one output (the Rosenbrock gradient: reverse
 * should stay flat relative to the function, forward grow ~n) and one input, many outputs
 * (the Jacobian of g: R → Rᵐ: forward should beat reverse by ~m). Plots forward-reverse.png and
 * many-outputs.png.
 */
public final class ForwardSection implements Section {
    static final String GRADIENT = "ForwardReverseBenchmark";
    static final String OUTPUTS = "ManyOutputsBenchmark";

    /** "Flat": the fitted exponent of (reverse / function) against n is at most this. */
    static final double FLAT = 0.15;
    /** "~n" / "~m": a fitted exponent within this distance of 1. */
    static final double LINEAR_TOLERANCE = 0.25;

    @Override
    public List<String> benchmarks() {
        return List.of(GRADIENT, OUTPUTS);
    }

    @Override
    public Output write(Results r, Path docs) throws IOException {
        if (!r.has(GRADIENT) && !r.has(OUTPUTS)) {
            return Output.NONE;
        }
        StringBuilder md = new StringBuilder("## Forward vs reverse mode (issue 4)\n\n");
        List<Check> checks = new ArrayList<>();
        if (r.has(GRADIENT)) {
            gradient(r, docs, md, checks);
        }
        if (r.has(OUTPUTS)) {
            manyOutputs(r, docs, md, checks);
        }
        md.append(Checks.table(checks));
        return new Output(md.toString(), checks);
    }

    private static void gradient(Results r, Path docs, StringBuilder md, List<Check> checks) throws IOException {
        md.append("### Many inputs, one output: the gradient of Rosenbrock\n\n");
        md.append("Forward mode is ad-forward's vector mode with ").append(ForwardReverseBenchmark.LANES)
                .append(" tangent lanes: ⌈n/").append(ForwardReverseBenchmark.LANES).append("⌉ sweeps over the graph. "
                        + "Reverse mode is one forward and one backward sweep (`Program.valueAndGradient`). "
                        + "Hipparchus `Gradient` carries all n partials through every operation (run up to n = 1000). "
                        + "Each time is also given relative to the plain-Java function at the same n.\n\n");
        List<String> ns = r.values(GRADIENT, "n");
        Table t = new Table("n", "function", "forward", "reverse", "Hipparchus", "forward / function", "reverse / function",
                "Hipparchus / function", "forward / reverse");
        for (String n : ns) {
            t.row(n, r.get(GRADIENT, "plainFunction", "n", n), r.get(GRADIENT, "forward", "n", n),
                    r.get(GRADIENT, "reverse", "n", n), r.get(GRADIENT, "hipparchus", "n", n),
                    r.ratio(GRADIENT, "forward", "plainFunction", "n", n), r.ratio(GRADIENT, "reverse", "plainFunction", "n", n),
                    r.ratio(GRADIENT, "hipparchus", "plainFunction", "n", n), r.ratio(GRADIENT, "forward", "reverse", "n", n));
        }
        md.append(t).append('\n');
        double[] x = Series.numbers(ns);
        double[] fwd = Series.ratios(r, GRADIENT, "forward", "plainFunction", "n", ns);
        double[] rev = Series.ratios(r, GRADIENT, "reverse", "plainFunction", "n", ns);
        double[] hip = Series.ratios(r, GRADIENT, "hipparchus", "plainFunction", "n", ns);
        double eRev = PowerLaw.exponent(x, rev);
        double eFwd = PowerLaw.exponent(x, fwd);
        double eHip = PowerLaw.exponent(x, hip);
        md.append("Fitted growth of time / function with n (least squares on log–log): reverse ~ n^")
                .append(Fmt.exponent(eRev)).append(", forward ~ n^").append(Fmt.exponent(eFwd))
                .append(", Hipparchus ~ n^").append(Fmt.exponent(eHip)).append(".\n\n");
        LogLogPlot plot = new LogLogPlot("Gradient of extended Rosenbrock: time relative to the function", "n (inputs)",
                "gradient time / function time")
                .series("forward (" + ForwardReverseBenchmark.LANES + " lanes)", x, fwd)
                .series("reverse", x, rev)
                .series("Hipparchus Gradient", x, hip);
        if (plot.hasData()) {
            plot.save(docs.resolve("forward-reverse.png"));
            md.append("![gradient time relative to the function](forward-reverse.png)\n\n");
        }
        checks.add(Check.atMost("4", "reverse flat in n relative to the function (fitted exponent ≤ " + Fmt.bound(FLAT) + ")",
                finite(eRev), FLAT, power("n", eRev)));
        checks.add(new Check("4", "forward grows ~n relative to the function (exponent 1 ± " + Fmt.bound(LINEAR_TOLERANCE) + ")",
                power("n", eFwd), Double.isFinite(eFwd) ? Math.abs(eFwd - 1) <= LINEAR_TOLERANCE : null));
    }

    private static void manyOutputs(Results r, Path docs, StringBuilder md, List<Check> checks) throws IOException {
        md.append("### One input, many outputs: the Jacobian of g: R → Rᵐ\n\n");
        md.append("gᵢ(x) = sin(i·x)·x for i = 1…m. Forward mode needs one tangent sweep; reverse mode one backward "
                + "sweep per output (`Jacobians.jacobianReverse` on a compiled program), so reverse / forward "
                + "should grow ~m.\n\n");
        List<String> ms = r.values(OUTPUTS, "m");
        Table t = new Table("m", "function (all m outputs)", "forward", "reverse", "forward / function", "reverse / function",
                "reverse / forward", "(reverse / forward) / m");
        for (String m : ms) {
            Ratio rf = r.ratio(OUTPUTS, "reverse", "forward", "m", m);
            t.row(m, r.get(OUTPUTS, "plainFunction", "m", m), r.get(OUTPUTS, "forward", "m", m), r.get(OUTPUTS, "reverse", "m", m),
                    r.ratio(OUTPUTS, "forward", "plainFunction", "m", m), r.ratio(OUTPUTS, "reverse", "plainFunction", "m", m), rf,
                    rf == null ? null : Fmt.number(rf.value() / Double.parseDouble(m)));
        }
        md.append(t).append('\n');
        double[] x = Series.numbers(ms);
        double[] rf = Series.ratios(r, OUTPUTS, "reverse", "forward", "m", ms);
        double e = PowerLaw.exponent(x, rf);
        md.append("Fitted growth of reverse / forward with m: m^").append(Fmt.exponent(e)).append(".\n\n");
        LogLogPlot plot = new LogLogPlot("Jacobian of g: R → R^m: time relative to the function", "m (outputs)",
                "Jacobian time / function time")
                .series("forward (1 sweep)", x, Series.ratios(r, OUTPUTS, "forward", "plainFunction", "m", ms))
                .series("reverse (m sweeps)", x, Series.ratios(r, OUTPUTS, "reverse", "plainFunction", "m", ms));
        if (plot.hasData()) {
            plot.save(docs.resolve("many-outputs.png"));
            md.append("![Jacobian time relative to the function](many-outputs.png)\n\n");
        }
        int last = ms.size() - 1;
        String largest = ms.isEmpty() ? "" : " (" + Fmt.number(rf[last]) + "× at m = " + ms.get(last) + ")";
        checks.add(new Check("4", "forward beats reverse by ~m (exponent of reverse / forward 1 ± " + Fmt.bound(LINEAR_TOLERANCE) + ")",
                Double.isFinite(e) ? power("m", e) + largest : "—", Double.isFinite(e) ? Math.abs(e - 1) <= LINEAR_TOLERANCE : null));
    }

    /** "n^0.98", or "—" when no exponent could be fitted. */
    private static String power(String var, double e) {
        return Double.isFinite(e) ? var + "^" + Fmt.exponent(e) : "—";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
