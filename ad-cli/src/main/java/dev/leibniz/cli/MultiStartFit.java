package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.Intervals;
import dev.leibniz.models.batch.StartDesign;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.models.batch.Tasks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code fit --starts N}: the fit of {@link FitCommand} from N start points ({@link Tasks#multiStart})
 * on the chosen engine. Prints the best fit and how many starts reached it; writes starts.csv (one
 * row per start, failed ones with their error) and waterfall.png.
 */
final class MultiStartFit {
    /** Starts whose loss is within this relative distance of the best count as having found it. */
    static final double SAME_OPTIMUM = 1e-6;

    private final FitCommand fit;

    MultiStartFit(FitCommand fit) {
        this.fit = fit;
    }

    int run() throws IOException {
        MultiStartOptions o = fit.multiStart;
        if (o.starts < 1) {
            throw new LeibnizException("--starts must be at least 1, got " + o.starts);
        }
        StartDesign design = StartDesign.byName(o.design);
        FitJob job = BatchRuns.job(fit.model, fit.data, fit.loss, fit.optimizer, fit.maxIter, fit.fit, fit.method,
                FitCommand.sensitivity(fit.sensitivity));
        PrintWriter err = fit.spec.commandLine().getErr();
        boolean show = fit.common.progress || (System.console() != null && !fit.common.json);
        List<TaskResult> rows;
        String engineName;
        try (BatchEngine engine = BatchRuns.engine(o.batch)) {
            engineName = engine.name();
            rows = engine.run(job, Tasks.multiStart(job, o.starts, design, o.batch.seed),
                    BatchRuns.progress(err, o.starts, show));
        }
        List<TaskResult> ok = BatchRuns.succeeded(rows, "start");
        TaskResult best = Intervals.best(ok);
        long reached = ok.stream().filter(r -> r.loss() - best.loss() <= SAME_OPTIMUM * Math.abs(best.loss())).count();
        report(rows, ok, best, reached, engineName);
        return ExitCode.OK;
    }

    private void report(List<TaskResult> rows, List<TaskResult> ok, TaskResult best, long reached, String engine)
            throws IOException {
        PrintWriter out = fit.spec.commandLine().getOut();
        if (fit.common.json) {
            ObjectNode doc = Json.object();
            doc.put("engine", engine);
            doc.put("starts", rows.size());
            doc.put("succeeded", ok.size());
            doc.put("reachedBest", reached);
            doc.put("bestStart", best.index());
            doc.put("loss", best.loss());
            ObjectNode params = doc.putObject("parameters");
            ObjectNode se = doc.putObject("standardErrors");
            for (String p : best.parameterNames()) {
                params.put(p, best.value(p));
                double s = best.standardError(p);
                if (Double.isFinite(s)) {
                    se.put(p, s);
                } else {
                    se.putNull(p);
                }
            }
            ArrayNode losses = doc.putArray("losses");
            rows.forEach(r -> losses.add(Json.finite(r.loss())));
            Json.print(out, doc);
            return;
        }
        Path dir = BatchRuns.outDir(fit.out, fit.model);
        BatchRuns.writeCsv(dir.resolve("starts.csv"), rows);
        BatchPlots.waterfall(dir.resolve("waterfall.png"), ok.stream().mapToDouble(TaskResult::loss).toArray());
        out.printf(Locale.ROOT, "%d starts on %s: %d succeeded, %d failed; %d reached the best loss (start %d):%n",
                rows.size(), engine, ok.size(), rows.size() - ok.size(), reached, best.index());
        for (String p : best.parameterNames()) {
            double s = best.standardError(p);
            out.printf(Locale.ROOT, "  %-12s %14.6g%s%n", p, best.value(p),
                    Double.isFinite(s) ? String.format(Locale.ROOT, "  ± %.3g", s) : "  (fixed)");
        }
        out.printf(Locale.ROOT, "  loss = %.8g over %d observations%n", best.loss(), best.observations());
        out.println("wrote " + dir.resolve("starts.csv") + ", waterfall.png");
    }
}
