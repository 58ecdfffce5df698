package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.BatchEngines;
import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.ode.SensitivityMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** What the batch commands share: the job from the options, the engine, progress lines and the results table. */
final class BatchRuns {
    private BatchRuns() {
    }

    /**
     * The job: the model file's text, the data's text (null: none), and the fit options as
     * {@code fit} takes them ({@code fit}: the fitted parameters, null for all).
     */
    static FitJob job(Path model, Path data, String loss, String optimizer, Integer maxIter, List<String> fit,
                      String method, SensitivityMethod sensitivity) {
        FitJob job = FitJob.of(model.getFileName().toString(), read(model, "model"))
                .withLoss(loss).withOptimizer(optimizer).withMethod(method == null ? null : ModelRun.method(method).id())
                .withSensitivity(sensitivity);
        if (maxIter != null) {
            if (maxIter < 1) {
                throw new LeibnizException("--max-iter must be at least 1, got " + maxIter);
            }
            job = job.withMaxIterations(maxIter);
        }
        if (data != null) {
            job = job.withData(data.getFileName().toString(), read(data, "data"));
        }
        if (fit != null) {
            List<String> names = dev.leibniz.models.batch.JobCache.compiled(job).model().parameterNames();
            List<String> fixed = new ArrayList<>(names);
            for (String f : fit) {
                if (!names.contains(f.strip())) {
                    throw new LeibnizException("--fit: the model " + model.getFileName() + " has no parameter '"
                            + f.strip() + "'; its parameters are " + names);
                }
                fixed.remove(f.strip());
            }
            job = job.withFixed(fixed);
        }
        return job;
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LeibnizException("cannot read the " + what + " file: " + dev.leibniz.models.internal.IoMessages.why(file, e));
        }
    }

    /** The engine the options name. */
    static BatchEngine engine(BatchOptions o) {
        return BatchEngines.open(o.engine, o.master);
    }

    /** One line per finished task on standard error ("[12/64] start 11 ok loss 2.01866"), or nothing. */
    static Consumer<TaskResult> progress(PrintWriter err, int total, boolean show) {
        if (!show) {
            return null;
        }
        int[] done = {0};
        return r -> {
            done[0]++;
            err.printf(Locale.ROOT, "[%d/%d] %s %s%s%n", done[0], total, r.label(), r.status(),
                    r.ok() ? String.format(Locale.ROOT, " loss %.8g", r.loss()) : ": " + r.error());
            err.flush();
        };
    }

    /** The results as CSV: the columns of the Spark table (task, kind, label, status, error, loss, …, parameters, se_…, seconds, host). */
    static void writeCsv(Path file, List<TaskResult> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        List<String> names = rows.stream().filter(r -> !r.parameterNames().isEmpty()).findFirst()
                .map(TaskResult::parameterNames).orElse(List.of());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("task,kind,label,status,error,loss,observations,iterations,converged");
            names.forEach(n -> h.append(',').append(n));
            names.forEach(n -> h.append(",se_").append(n));
            w.write(h.append(",seconds,host\n").toString());
            for (TaskResult r : rows) {
                StringBuilder s = new StringBuilder();
                s.append(r.index()).append(',').append(r.kind()).append(',').append(quote(r.label())).append(',')
                        .append(r.status()).append(',').append(r.error() == null ? "" : quote(r.error())).append(',')
                        .append(r.loss()).append(',').append(r.observations()).append(',').append(r.iterations())
                        .append(',').append(r.converged());
                double[] v = r.values();
                double[] se = r.standardErrors();
                for (int i = 0; i < names.size(); i++) {
                    s.append(',').append(i < v.length ? v[i] : Double.NaN);
                }
                for (int i = 0; i < names.size(); i++) {
                    s.append(',').append(i < se.length ? se[i] : Double.NaN);
                }
                s.append(',').append(String.format(Locale.ROOT, "%.4f", r.seconds())).append(',').append(quote(r.host()));
                w.write(s.append('\n').toString());
            }
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The output directory: --out, or ./leibniz-out/&lt;model name&gt;. */
    static Path outDir(Path out, Path model) {
        return out != null ? out : Path.of("leibniz-out", FitReport.baseName(model.getFileName().toString()));
    }

    /** The successful rows; none is a computation failure naming the first error. */
    static List<TaskResult> succeeded(List<TaskResult> rows, String what) {
        List<TaskResult> ok = rows.stream().filter(TaskResult::ok).toList();
        if (ok.isEmpty()) {
            throw new ComputationFailedException("every " + what + " failed; the first: "
                    + (rows.isEmpty() ? "(none ran)" : rows.get(0).error()));
        }
        return ok;
    }
}
