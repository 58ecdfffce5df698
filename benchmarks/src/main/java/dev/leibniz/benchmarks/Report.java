package dev.leibniz.benchmarks;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Machine;
import dev.leibniz.benchmarks.report.Plan;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Table;
import dev.leibniz.benchmarks.sections.CheapGradientSection;
import dev.leibniz.benchmarks.sections.CompiledSection;
import dev.leibniz.benchmarks.sections.FitSection;
import dev.leibniz.benchmarks.sections.ForwardSection;
import dev.leibniz.benchmarks.sections.GenericSection;
import dev.leibniz.benchmarks.sections.NeuralSection;
import dev.leibniz.benchmarks.sections.OdeSection;
import dev.leibniz.benchmarks.sections.ReverseSection;
import dev.leibniz.benchmarks.sections.Section;
import dev.leibniz.benchmarks.sections.SparseSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs every JMH benchmark of this module in one go and writes {@code docs/benchmarks.md} (and
 * the PNG plots beside it): the date, the machine, the command that reproduces it, then one
 * section per issue with its times, the ratios computed from the same run, and each target with
 * its verdict.
 *
 * <pre>
 *   mvn -q -B -pl benchmarks -am package -DskipTests
 *   java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.Report [--quick] [--only REGEX] [--docs DIR] [--dry-run]
 * </pre>
 *
 * {@code --quick} measures 1 × 1 s after 1 × 1 s of warm-up (a smoke test, no error bars);
 * {@code --only} runs the benchmarks whose "Class.method" name matches the regular expression;
 * {@code --dry-run} prints the plan and its estimated time without running anything.
 */
public final class Report {
    static final String COMMAND = "mvn -q -B -pl benchmarks -am package -DskipTests && "
            + "java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.Report";

    private Report() {
    }

    /** The command line, parsed. */
    record Args(boolean quick, String only, Path docs, boolean dryRun) {
        static Args parse(String[] args) {
            boolean quick = false;
            boolean dry = false;
            String only = null;
            Path docs = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--dry-run" -> dry = true;
                    case "--only" -> only = value(args, ++i, "--only");
                    case "--docs" -> docs = Path.of(value(args, ++i, "--docs"));
                    case "--help", "-h" -> throw new UsageException(null);
                    default -> throw new UsageException("unknown option '" + args[i] + "'");
                }
            }
            if (only != null) {
                try {
                    Pattern.compile(only);
                } catch (PatternSyntaxException e) {
                    throw new UsageException("--only takes a regular expression; '" + only + "' is not one: " + e.getDescription());
                }
            }
            return new Args(quick, only, docs == null ? defaultDocs() : docs, dry);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        /** The options as given, for the reproduction command. */
        String echo() {
            StringBuilder s = new StringBuilder();
            if (quick) {
                s.append(" --quick");
            }
            if (only != null) {
                s.append(" --only '").append(only).append('\'');
            }
            return s.toString();
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] argv) {
        System.setProperty("java.awt.headless", "true");
        Args args;
        try {
            args = Args.parse(argv);
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println("usage: java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.Report "
                    + "[--quick] [--only REGEX] [--docs DIR] [--dry-run]");
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        Plan plan = Plan.of(args.only(), args.quick() ? Plan.Settings.QUICK : Plan.Settings.FULL);
        if (plan.combinations() == 0) {
            System.err.println("error: no benchmark matches --only '" + args.only() + "'");
            System.exit(2);
        }
        printPlan(plan);
        if (args.dryRun()) {
            return;
        }
        try {
            Instant start = Instant.now();
            List<RunResult> runs = new ArrayList<>();
            for (Plan.Run run : plan.runs()) {
                Collection<RunResult> rs = new Runner(plan.options(run)).run();
                runs.addAll(rs);
            }
            Duration took = Duration.between(start, Instant.now());
            Path md = write(Results.of(runs), plan, args, took);
            System.out.println("report: wrote " + md + " in " + minutes(took.getSeconds()));
        } catch (RunnerException e) {
            System.err.println("error: JMH failed: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("error: cannot write the report: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void printPlan(Plan plan) {
        System.out.println("report: " + plan.combinations() + " benchmark configurations in " + plan.runs().size()
                + " JMH run" + (plan.runs().size() == 1 ? "" : "s") + " (" + plan.settings().describe() + ")");
        for (Plan.Run run : plan.runs()) {
            for (String b : run.benchmarks()) {
                System.out.println("  " + Plan.shortName(b) + (run.params().isEmpty() ? "" : "  (" + overrides(run) + ")"));
            }
        }
        System.out.println("report: estimated time about " + minutes(Math.round(plan.estimatedSeconds()))
                + " (more where one operation or a setup takes longer than an iteration)");
    }

    private static String overrides(Plan.Run run) {
        List<String> s = new ArrayList<>();
        run.params().forEach((k, v) -> s.add(k + " = " + String.join(", ", v)));
        return String.join("; ", s);
    }

    private static String minutes(long seconds) {
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** The sections in the order of the report; unclaimed benchmark classes go last. */
    static List<Section> sections(Results r) {
        List<Section> s = new ArrayList<>(List.of(new ReverseSection(), new ForwardSection(), new SparseSection(),
                new NeuralSection(), new OdeSection(), new FitSection(), new CompiledSection(),
                new CheapGradientSection()));
        List<String> claimed = s.stream().flatMap(x -> x.benchmarks().stream()).toList();
        s.add(new GenericSection(r.benchmarks().stream().filter(b -> !claimed.contains(b)).toList()));
        return s;
    }

    static Path write(Results results, Plan plan, Args args, Duration took) throws IOException {
        Path docs = args.docs();
        Files.createDirectories(docs);
        StringBuilder body = new StringBuilder();
        List<Check> checks = new ArrayList<>();
        for (Section s : sections(results)) {
            Section.Output out = s.write(results, docs);
            if (!out.markdown().isEmpty()) {
                body.append(out.markdown()).append('\n');
                checks.addAll(out.checks());
            }
        }
        StringBuilder md = new StringBuilder("# Benchmarks\n\n");
        md.append("Measured on ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" by `dev.leibniz.benchmarks.Report` with JMH (").append(plan.settings().describe())
                .append(", average time per operation). The whole run took ").append(minutes(took.getSeconds())).append(".\n\n");
        if (args.quick() || args.only() != null) {
            md.append("> **Partial or quick run** (options `").append(args.echo().trim())
                    .append("`): a smoke test of the report, not figures to quote.\n\n");
        }
        md.append("## Reproduce\n\nFrom the repository root:\n\n```\n").append(COMMAND).append(args.echo()).append("\n```\n\n")
                .append("It builds the shaded JMH jar, runs every benchmark in it and rewrites this page and its plots. "
                        + "`--quick` measures 1 × 1 s per benchmark (a smoke test), `--only REGEX` runs the benchmarks "
                        + "whose `Class.method` matches, `--dry-run` prints the plan and its estimated time. Single "
                        + "benchmarks run the usual JMH way: `java -jar benchmarks/target/benchmarks.jar ForwardReverse`.\n\n");
        md.append("## Machine\n\n").append(Machine.current().markdown(results.environment())).append('\n');
        md.append("## How to read the figures\n\n")
                .append("- Every time is JMH's average time per operation ± the half-width of its 99.9% confidence interval "
                        + "(no ± when a single iteration was measured).\n")
                .append("- Every ratio divides two times measured in this same run, on this machine; its error combines the "
                        + "two relative errors in quadrature. Ratios, not absolute times, are what carries over to other "
                        + "machines.\n")
                .append("- Growth exponents are least-squares slopes on log–log axes (1 = linear, 0 = flat).\n");
        for (String note : Plan.restrictionNotes()) {
            md.append("- ").append(note).append(".\n");
        }
        md.append('\n');
        if (!checks.isEmpty()) {
            Table t = new Table("issue", "target", "measured", "verdict");
            for (Check c : checks) {
                t.row("#" + c.issue(), c.target(), c.measured(), c.verdict());
            }
            long met = checks.stream().filter(c -> Boolean.TRUE.equals(c.met())).count();
            long missed = checks.stream().filter(c -> Boolean.FALSE.equals(c.met())).count();
            md.append("## Summary of targets\n\n").append(met).append(" met, ").append(missed)
                    .append(" not met; each section below gives the measurements behind its verdicts and, where a target "
                            + "is missed, what limits it.\n\n")
                    .append(t).append('\n');
        }
        md.append(body);
        if (results.isEmpty()) {
            md.append("No benchmark produced a result (see the JMH output for the errors).\n");
        }
        Path file = docs.resolve("benchmarks.md");
        String kept = Files.exists(file) ? keptSections(Files.readString(file, StandardCharsets.UTF_8), md.toString()) : "";
        Files.writeString(file, (md.toString().stripTrailing() + "\n\n" + kept).stripTrailing() + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The sections of the old page that this run does not write: those written by hand or by other
     * tools (the NIST table of a test, the stiff test set, the Spark scaling run, …), kept verbatim
     * and in their order, so regenerating the JMH figures never deletes them. A section is a
     * {@code ## } heading and everything up to the next one; it is kept when the new page has no
     * heading of the same text.
     */
    static String keptSections(String old, String generated) {
        java.util.Set<String> written = new java.util.HashSet<>();
        for (String line : generated.split("\n")) {
            if (line.startsWith("## ")) {
                written.add(line.strip());
            }
        }
        StringBuilder kept = new StringBuilder();
        boolean keep = false;
        boolean inFence = false;
        for (String line : old.split("\n", -1)) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            }
            if (!inFence && line.startsWith("## ")) {
                keep = !written.contains(line.strip());
            }
            if (keep) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    /** docs/ of the repository: the nearest directory upward from here that holds benchmarks/pom.xml. */
    static Path defaultDocs() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("benchmarks").resolve("pom.xml"))) {
                return d.resolve("docs");
            }
        }
        return dir.resolve("docs");
    }
}
