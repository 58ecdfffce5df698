package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.TaskResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code leibniz fit-groups MODEL --data TABLE --group-by COLUMN}: one fit per group of a long
 * table, each from the model file's initial guesses. A group that cannot be fitted is a failed row
 * of the results, not a failed command.
 */
@Command(name = "fit-groups", mixinStandardHelpOptions = true,
        description = {"Fit the model to each group of a table (a patient, a site, a sensor): one row per group and"
                + " time, with a group column, a time column (t, time or year) and observed columns.",
            "Writes groups.csv (one row per group: estimates, standard errors, loss, status, error), groups.parquet"
                + " with --engine spark, and group-<parameter>.png (the estimates' distribution) into --out.",
            "Example: leibniz generate-groups --groups 1000 --out groups.csv && leibniz fit-groups examples/logistic.model"
                + " --data groups.csv --group-by group"})
final class FitGroupsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JobOptions job;

    @Option(names = "--data", required = true, paramLabel = "TABLE",
            description = "The table: CSV (comments start with #), or Parquet with --engine spark.")
    Path data;

    @Option(names = "--group-by", required = true, paramLabel = "COLUMN", description = "The column naming each row's group.")
    String groupBy;

    @Mixin
    BatchOptions batch;

    @Override
    public Integer call() throws java.io.IOException {
        FitJob j = job.job(null);
        Path dir = job.outDir();
        List<TaskResult> rows;
        boolean parquet;
        String engineName;
        try (BatchEngine engine = BatchRuns.engine(batch)) {
            engineName = engine.name();
            rows = engine.perGroup(j, data, groupBy, BatchRuns.progress(spec.commandLine().getErr(), -1, common.progress));
            parquet = !common.json && engine.writeParquet(rows, dir.resolve("groups.parquet").toAbsolutePath());
        }
        List<TaskResult> ok = rows.stream().filter(TaskResult::ok).toList();
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode doc = Json.object();
        doc.put("groups", rows.size());
        doc.put("succeeded", ok.size());
        ObjectNode dist = doc.putObject("parameters");
        List<String> names = ok.isEmpty() ? List.of() : ok.get(0).parameterNames();
        if (!common.json) {
            out.printf(Locale.ROOT, "%d groups on %s: %d fitted, %d failed%n", rows.size(), engineName, ok.size(),
                    rows.size() - ok.size());
            out.printf(Locale.ROOT, "  %-10s %12s %12s %12s%n", "parameter", "2.5 %", "median", "97.5 %");
        }
        for (String p : names) {
            if (j.fixed().contains(p)) {
                continue;
            }
            double[] v = ok.stream().mapToDouble(r -> r.value(p)).sorted().toArray();
            double lo = quantile(v, 0.025);
            double med = quantile(v, 0.5);
            double hi = quantile(v, 0.975);
            dist.putObject(p).put("q025", lo).put("median", med).put("q975", hi);
            if (!common.json) {
                out.printf(Locale.ROOT, "  %-10s %12.6g %12.6g %12.6g%n", p, lo, med, hi);
                BatchPlots.histogram(dir.resolve("group-" + p + ".png"), "Estimates of " + p + " over " + ok.size()
                        + " groups", p, v);
            }
        }
        rows.stream().filter(r -> !r.ok()).limit(5).forEach(r -> {
            if (!common.json) {
                out.println("  failed: " + r.label() + ": " + r.error());
            }
        });
        if (common.json) {
            Json.print(out, doc);
            return ExitCode.OK;
        }
        BatchRuns.writeCsv(dir.resolve("groups.csv"), rows);
        out.println("wrote " + dir.resolve("groups.csv") + (parquet ? ", groups.parquet" : "") + ", group-<parameter>.png");
        return ExitCode.OK;
    }

    /** The q-quantile of sorted values, linear between order statistics (NaN for none). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
