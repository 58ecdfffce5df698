package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Fmt;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 9: compiled execution. CompiledGradientBenchmark is written with the graph compiler, so
 * this section reads it by convention: the baseline is the method whose name contains "plain";
 * methods containing "compiled" are held to gradient / function ≤ 3, methods containing
 * "dynamic" or "record" to ≤ 5; every other method is reported.
 */
public final class CompiledSection implements Section {
    static final String COMPILED = "CompiledGradientBenchmark";

    static final double COMPILED_TARGET = 3;
    static final double DYNAMIC_TARGET = 5;

    @Override
    public List<String> benchmarks() {
        return List.of(COMPILED);
    }

    @Override
    public Output write(Results r, Path docs) {
        if (!r.has(COMPILED)) {
            return Output.NONE;
        }
        List<Check> checks = new ArrayList<>();
        StringBuilder md = new StringBuilder("## Compiled execution (issue 9)\n\n");
        String base = MethodTable.baseline(r, COMPILED);
        md.append("Each gradient against the plain-Java function (`").append(base == null ? "none found" : base)
                .append("`) at the same parameters, from the same run.\n\n");
        md.append(MethodTable.of(r, COMPILED, base)).append('\n');
        if (base != null) {
            target(r, base, checks, COMPILED_TARGET, "compiled static gradient", "compiled");
            target(r, base, checks, DYNAMIC_TARGET, "dynamic recording", "dynamic", "record");
        }
        md.append(Checks.table(checks));
        return new Output(md.toString(), checks);
    }

    private static void target(Results r, String base, List<Check> checks, double bound, String what, String... keywords) {
        for (String m : MethodTable.containing(r, COMPILED, keywords)) {
            for (Map<String, String> ps : r.paramSets(COMPILED)) {
                Score s = r.find(COMPILED, m, ps).orElse(null);
                Score b = r.find(COMPILED, base, ps).orElse(null);
                Double q = s == null || b == null ? null : s.over(b).value();
                checks.add(Check.atMost("9", what + " / function ≤ " + Fmt.bound(bound) + " (`" + m + "` " + ps + ")", q, bound,
                        q == null ? null : s.over(b).toString()));
            }
        }
    }
}
