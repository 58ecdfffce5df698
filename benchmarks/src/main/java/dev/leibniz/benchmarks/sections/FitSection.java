package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.LynxHareFitBenchmark;
import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issues 7 and 9: the lynx–hare fit end to end against SciPy's {@code least_squares} over
 * {@code solve_ivp}, the alternative a scientist would otherwise pick. SciPy is timed by
 * {@code benchmarks/scipy/lynx_hare_fit.py} in its own process (median of five in-process fits
 * after a warm-up) when python3 with SciPy is present; otherwise the section says so.
 */
public final class FitSection implements Section {
    static final String FIT = "LynxHareFitBenchmark";

    @Override
    public List<String> benchmarks() {
        return List.of(FIT);
    }

    @Override
    public Output write(Results r, Path docs) {
        if (!r.has(FIT)) {
            return Output.NONE;
        }
        List<Check> checks = new ArrayList<>();
        StringBuilder md = new StringBuilder("## The lynx–hare fit end to end (issues 7 and 9)\n\n");
        md.append("Lotka–Volterra fitted to the Hudson's Bay pelts 1900–1920 (six parameters, sum of squares of logs), "
                + "from the initial guesses of `examples/lotka-volterra.model` to the optimum (loss 2.01866), in one "
                + "JVM after warm-up; Leibniz solves with DOPRI5 at rtol 1e-10. SciPy: `least_squares` (trust-region reflective, finite-difference Jacobian) over "
                + "`solve_ivp` (RK45, rtol 1e-8), `benchmarks/scipy/lynx_hare_fit.py`.\n\n");
        md.append("| fit | time per fit |\n|---|---|\n");
        Score lm = r.find(FIT, "levenbergMarquardt", java.util.Map.of()).orElse(null);
        Score lbfgs = r.find(FIT, "lbfgs", java.util.Map.of()).orElse(null);
        if (lm != null) {
            md.append("| Leibniz, Levenberg–Marquardt with forward sensitivities | ").append(ms(lm.nanos())).append(" |\n");
        }
        if (lbfgs != null) {
            md.append("| Leibniz, L-BFGS with forward sensitivities | ").append(ms(lbfgs.nanos())).append(" |\n");
        }
        Double scipy = scipySeconds();
        if (scipy != null) {
            md.append("| SciPy `least_squares` + `solve_ivp` | ").append(ms(scipy * 1e9)).append(" |\n\n");
            if (lm != null) {
                double speedup = scipy * 1e9 / lm.nanos();
                md.append(String.format(Locale.ROOT, "Leibniz (Levenberg–Marquardt) is %.1f× faster than SciPy on the same fit.%n%n",
                        speedup));
                checks.add(new Check("9", "lynx–hare fit vs SciPy: reported", String.format(Locale.ROOT, "%.1f× faster", speedup),
                        null));
            }
        } else {
            md.append("\nSciPy was not run: python3 with SciPy is not installed on this machine (issue 9 asks to skip "
                    + "it with this note).\n\n");
        }
        md.append(Checks.table(checks));
        return new Output(md.toString(), checks);
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Seconds per SciPy fit, or null when python3 with SciPy is not available. */
    static Double scipySeconds() {
        Path script = Path.of("benchmarks", "scipy", "lynx_hare_fit.py");
        Path csv = LynxHareFitBenchmark.examples().resolve("hudson-bay-lynx-hare.csv");
        try {
            Process p = new ProcessBuilder("python3", script.toString(), csv.toString()).redirectErrorStream(true).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"seconds\": ([0-9.eE+-]+)").matcher(out);
            return p.exitValue() == 0 && m.find() ? Double.parseDouble(m.group(1)) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
