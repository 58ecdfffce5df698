package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import dev.leibniz.benchmarks.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generic table of one benchmark class: a row per parameter combination, a column per
 * method with its time ± error, then — when the class has a baseline method — one column per
 * other method with its time divided by the baseline's, from the same run.
 */
final class MethodTable {
    private MethodTable() {
    }

    /** The baseline of a class: the first method whose name contains "plain" (any case), or null. */
    static String baseline(Results r, String benchmark) {
        return firstContaining(r, benchmark, "plain");
    }

    /** The first method whose name contains the first keyword that any method contains (any case), or null. */
    static String firstContaining(Results r, String benchmark, String... keywords) {
        for (String k : keywords) {
            for (String m : r.methods(benchmark)) {
                if (m.toLowerCase(Locale.ROOT).contains(k.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The methods whose names contain any of the keywords (any case). */
    static List<String> containing(Results r, String benchmark, String... keywords) {
        List<String> out = new ArrayList<>();
        for (String m : r.methods(benchmark)) {
            String lower = m.toLowerCase(Locale.ROOT);
            for (String k : keywords) {
                if (lower.contains(k.toLowerCase(Locale.ROOT))) {
                    out.add(m);
                    break;
                }
            }
        }
        return out;
    }

    static Table of(Results r, String benchmark, String baseline) {
        List<String> params = r.params(benchmark);
        List<String> methods = r.methods(benchmark);
        List<String> others = methods.stream().filter(m -> !m.equals(baseline)).toList();
        List<String> header = new ArrayList<>(params);
        methods.forEach(m -> header.add("`" + m + "`"));
        if (baseline != null) {
            others.forEach(m -> header.add("`" + m + "` / `" + baseline + "`"));
        }
        Table t = new Table(header.toArray(new String[0]));
        for (Map<String, String> ps : r.paramSets(benchmark)) {
            List<Object> row = new ArrayList<>();
            params.forEach(p -> row.add(ps.getOrDefault(p, "")));
            Score base = baseline == null ? null : r.find(benchmark, baseline, ps).orElse(null);
            for (String m : methods) {
                row.add(r.find(benchmark, m, ps).orElse(null));
            }
            if (baseline != null) {
                for (String m : others) {
                    Score s = r.find(benchmark, m, ps).orElse(null);
                    row.add(s == null || base == null ? null : s.over(base));
                }
            }
            t.row(row.toArray());
        }
        return t;
    }
}
