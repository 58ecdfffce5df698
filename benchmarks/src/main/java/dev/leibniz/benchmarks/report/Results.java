package dev.leibniz.benchmarks.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The results of one report run, looked up by benchmark class simple name, method and
 * parameters: {@code results.get("ForwardReverseBenchmark", "reverse", "n", "1000")}. Times are
 * kept in nanoseconds per operation whatever unit JMH reported them in.
 */
public final class Results {
    /** One measured benchmark: class simple name, method, parameter values (sorted by name). */
    public record Key(String benchmark, String method, Map<String, String> params) {
    }

    private final Map<Key, Score> scores = new LinkedHashMap<>();
    private BenchmarkParams environment;

    private Results() {
    }

    public static Results of(Collection<RunResult> runs) {
        Results r = new Results();
        for (RunResult run : runs) {
            BenchmarkParams p = run.getParams();
            Result<?> primary = run.getPrimaryResult();
            double scale = nanosPerUnit(primary.getScoreUnit());
            if (Double.isNaN(scale)) {
                System.err.println("report: skipping " + p.getBenchmark() + " (unit " + primary.getScoreUnit()
                        + " is not a time per operation)");
                continue;
            }
            String full = p.getBenchmark();
            int dot = full.lastIndexOf('.');
            String method = full.substring(dot + 1);
            String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new TreeMap<>();
            for (String k : p.getParamsKeys()) {
                params.put(k, p.getParam(k));
            }
            r.scores.put(new Key(cls, method, params), new Score(primary.getScore() * scale, primary.getScoreError() * scale));
            if (r.environment == null) {
                r.environment = p;
            }
        }
        return r;
    }

    /** Results put together by hand (tests of the report, results read from elsewhere). */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Results results = new Results();

        private Builder() {
        }

        /** One score; parameters as name, value pairs. */
        public Builder add(String benchmark, String method, Score score, String... paramPairs) {
            results.scores.put(new Key(benchmark, method, pairs(paramPairs)), score);
            return this;
        }

        public Results build() {
            return results;
        }
    }

    /** Nanoseconds in one unit of "ns/op", "us/op", "ms/op", "s/op"; NaN for anything else. */
    static double nanosPerUnit(String unit) {
        return switch (unit) {
            case "ns/op" -> 1.0;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> Double.NaN;
        };
    }

    /** The score, or null when that benchmark was not run (or failed). */
    public Score get(String benchmark, String method, String... paramPairs) {
        return find(benchmark, method, pairs(paramPairs)).orElse(null);
    }

    public Optional<Score> find(String benchmark, String method, Map<String, String> params) {
        return Optional.ofNullable(scores.get(new Key(benchmark, method, new TreeMap<>(params))));
    }

    /** The ratio of two methods' times at the same parameters, or null when either is missing. */
    public Ratio ratio(String benchmark, String method, String baseMethod, String... paramPairs) {
        Score a = get(benchmark, method, paramPairs);
        Score b = get(benchmark, baseMethod, paramPairs);
        return a == null || b == null ? null : a.over(b);
    }

    public boolean has(String benchmark) {
        return scores.keySet().stream().anyMatch(k -> k.benchmark().equals(benchmark));
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }

    /** Benchmark class simple names, in the order they were run. */
    public List<String> benchmarks() {
        Set<String> s = new LinkedHashSet<>();
        scores.keySet().forEach(k -> s.add(k.benchmark()));
        return new ArrayList<>(s);
    }

    /** Method names of one benchmark class, in the order they were run. */
    public List<String> methods(String benchmark) {
        Set<String> s = new LinkedHashSet<>();
        keys(benchmark).forEach(k -> s.add(k.method()));
        return new ArrayList<>(s);
    }

    /** Parameter names of one benchmark class. */
    public List<String> params(String benchmark) {
        Set<String> s = new LinkedHashSet<>();
        keys(benchmark).forEach(k -> s.addAll(k.params().keySet()));
        return new ArrayList<>(s);
    }

    /** The values one parameter took, in numeric order when they are numbers. */
    public List<String> values(String benchmark, String param) {
        Set<String> s = new LinkedHashSet<>();
        keys(benchmark).forEach(k -> {
            String v = k.params().get(param);
            if (v != null) {
                s.add(v);
            }
        });
        List<String> l = new ArrayList<>(s);
        l.sort(VALUE_ORDER);
        return l;
    }

    /** The distinct parameter combinations of one benchmark class, sorted value by value. */
    public List<Map<String, String>> paramSets(String benchmark) {
        Set<Map<String, String>> s = new LinkedHashSet<>();
        keys(benchmark).forEach(k -> s.add(k.params()));
        List<Map<String, String>> l = new ArrayList<>(s);
        l.sort((a, b) -> {
            for (String p : params(benchmark)) {
                int c = VALUE_ORDER.compare(a.getOrDefault(p, ""), b.getOrDefault(p, ""));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return l;
    }

    /** The JVM, JDK and flags the forks ran with (from the first result), if any result exists. */
    public Optional<BenchmarkParams> environment() {
        return Optional.ofNullable(environment);
    }

    private List<Key> keys(String benchmark) {
        return scores.keySet().stream().filter(k -> k.benchmark().equals(benchmark)).toList();
    }

    /** "n", "1000", "m", "10" → {m=10, n=1000}. */
    public static Map<String, String> pairs(String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name, value pairs: " + String.join(", ", kv));
        }
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Numbers by value, then anything else alphabetically. */
    public static final Comparator<String> VALUE_ORDER = (a, b) -> {
        Double x = parse(a);
        Double y = parse(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    };

    /** The value as a number, or null. */
    public static Double parse(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
