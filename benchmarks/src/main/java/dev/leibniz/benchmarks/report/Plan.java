package dev.leibniz.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Which benchmarks the report runs, with which parameters and iteration settings, and how long
 * that should take. Every benchmark compiled into the jar is found through JMH's benchmark list,
 * so classes added later (ODE, compiled execution) are run without changes here. One setting
 * for all — the benchmarks' own {@code @Warmup}/{@code @Measurement} annotations are overridden
 * — so every figure of a report is measured the same way.
 *
 * <p>A few methods are limited to part of their class's parameter range where they would
 * otherwise dominate the run or not fit in memory ({@link #RESTRICTIONS}).
 */
public final class Plan {
    /** Iterations and their length; one fork per benchmark. */
    public record Settings(int warmupIterations, int warmupSeconds, int measurementIterations, int measurementSeconds,
            int forks) {
        /** The report's setting: 3 × 1 s warm-up, 5 × 1 s measured, 1 fork. */
        public static final Settings FULL = new Settings(3, 1, 5, 1, 1);
        /** A smoke test: 1 × 1 s warm-up, 1 × 1 s measured (no error estimate). */
        public static final Settings QUICK = new Settings(1, 1, 1, 1, 1);

        public String describe() {
            return warmupIterations + " warm-up × " + warmupSeconds + " s, " + measurementIterations + " measured × "
                    + measurementSeconds + " s, " + forks + " fork" + (forks == 1 ? "" : "s");
        }
    }

    /** A method run only at some values of a parameter. */
    record Restriction(String method, String param, String[] values, String why) {
    }

    static final List<Restriction> RESTRICTIONS = List.of(
            new Restriction("ForwardReverseBenchmark.hipparchus", "n", new String[] {"10", "100", "1000"},
                    "Hipparchus Gradient is O(n²) in time and allocation"),
            new Restriction("SparseJacobianBenchmark.denseForward", "N", new String[] {"16", "32"},
                    "the dense Jacobian of N = 64 has 67 million entries"));

    /** JVM start, JIT and setup per benchmark fork, a guess for the estimate. */
    private static final double OVERHEAD_SECONDS = 2.5;

    /** One JMH invocation: benchmarks (full names) sharing parameter overrides. */
    public record Run(List<String> benchmarks, Map<String, String[]> params, int combinations) {
    }

    private final Settings settings;
    private final List<Run> runs;

    private Plan(Settings settings, List<Run> runs) {
        this.settings = settings;
        this.runs = runs;
    }

    /**
     * The benchmarks whose "SimpleClass.method" name contains a match of {@code only} (all when
     * null), grouped into runs.
     */
    public static Plan of(String only, Settings settings) {
        Pattern filter = only == null ? null : Pattern.compile(only);
        TreeSet<String> seen = new TreeSet<>();
        Map<Restriction, List<BenchmarkListEntry>> groups = new LinkedHashMap<>();
        List<BenchmarkListEntry> unrestricted = new ArrayList<>();
        var out = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(out, List.of())) {
            String name = shortName(e.getUsername());
            if (!seen.add(name) || (filter != null && !filter.matcher(name).find())) {
                continue;
            }
            Restriction r = RESTRICTIONS.stream().filter(x -> x.method().equals(name)).findFirst().orElse(null);
            if (r == null) {
                unrestricted.add(e);
            } else {
                groups.computeIfAbsent(r, k -> new ArrayList<>()).add(e);
            }
        }
        List<Run> runs = new ArrayList<>();
        if (!unrestricted.isEmpty()) {
            runs.add(run(unrestricted, Map.of()));
        }
        groups.forEach((r, entries) -> runs.add(run(entries, Map.of(r.param(), r.values()))));
        return new Plan(settings, runs);
    }

    private static Run run(List<BenchmarkListEntry> entries, Map<String, String[]> overrides) {
        List<String> names = new ArrayList<>();
        int combinations = 0;
        for (BenchmarkListEntry e : entries) {
            names.add(e.getUsername());
            int c = 1;
            Map<String, String[]> params = e.getParams().orElse(Map.of());
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                c *= overrides.getOrDefault(p.getKey(), p.getValue()).length;
            }
            combinations += c;
        }
        return new Run(names, overrides, combinations);
    }

    /** "dev.leibniz.benchmarks.Foo.bar" → "Foo.bar". */
    public static String shortName(String full) {
        int dot = full.lastIndexOf('.');
        int prev = full.lastIndexOf('.', dot - 1);
        return full.substring(prev + 1);
    }

    public List<Run> runs() {
        return runs;
    }

    public Settings settings() {
        return settings;
    }

    /** Benchmark × parameter combinations to measure. */
    public int combinations() {
        return runs.stream().mapToInt(Run::combinations).sum();
    }

    /** Seconds the plan should take: iterations plus a start-up guess per fork. */
    public double estimatedSeconds() {
        double per = settings.forks() * (OVERHEAD_SECONDS + settings.warmupIterations() * settings.warmupSeconds()
                + settings.measurementIterations() * settings.measurementSeconds());
        return combinations() * per;
    }

    /** The parameter restrictions in force, for the report's method note. */
    public static List<String> restrictionNotes() {
        return RESTRICTIONS.stream().map(r -> "`" + r.method() + "` only at " + r.param() + " = "
                + String.join(", ", r.values()) + " (" + r.why() + ")").toList();
    }

    /** The JMH options of one run. */
    public Options options(Run run) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .mode(Mode.AverageTime)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.seconds(settings.warmupSeconds()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.seconds(settings.measurementSeconds()))
                .forks(settings.forks())
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(false);
        for (String name : run.benchmarks()) {
            b.include("^" + Pattern.quote(name) + "$");
        }
        run.params().forEach(b::param);
        return b.build();
    }
}
