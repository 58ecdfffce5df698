package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.Intervals;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.models.batch.Tasks;
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

/** {@code leibniz bootstrap MODEL --data CSV --replicates R}: residual-bootstrap confidence intervals. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"Bootstrap confidence intervals: the model is refitted to R data sets made of the fitted values"
                + " plus residuals drawn with replacement (residual resampling; sse or logsse).",
            "Prints the 95 % percentile interval of each parameter beside its Wald interval.",
            "Writes bootstrap.csv and bootstrap-<parameter>.png (histograms) into --out.",
            "Example: leibniz bootstrap examples/lotka-volterra.model --data examples/hudson-bay-lynx-hare.csv --loss logsse --replicates 200"})
final class BootstrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JobOptions job;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Measurements, as for fit.")
    Path data;

    @Option(names = "--replicates", paramLabel = "R", defaultValue = "200",
            description = "Bootstrap replicates. Default: ${DEFAULT-VALUE}.")
    int replicates;

    @Mixin
    BatchOptions batch;

    @Override
    public Integer call() throws java.io.IOException {
        FitJob j = job.job(data);
        TaskResult opt = OptimumFit.of(j);
        List<TaskResult> rows;
        try (BatchEngine engine = BatchRuns.engine(batch)) {
            rows = engine.run(j, Tasks.bootstrap(j, opt.values(), replicates, batch.seed),
                    BatchRuns.progress(spec.commandLine().getErr(), replicates, common.progress));
        }
        List<TaskResult> ok = BatchRuns.succeeded(rows, "bootstrap replicate");
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode doc = Json.object();
        doc.put("replicates", rows.size());
        doc.put("succeeded", ok.size());
        ObjectNode params = doc.putObject("parameters");
        Path dir = job.outDir();
        if (!common.json) {
            out.printf(Locale.ROOT, "%-10s %12s %27s %27s%n", "parameter", "estimate", "Wald 95 %", "bootstrap 95 %");
        }
        for (String p : opt.parameterNames()) {
            if (j.fixed().contains(p)) {
                continue;
            }
            Intervals.Interval wald = Intervals.wald(opt, p, OptimumFit.fitted(j), 0.95);
            Intervals.Interval boot = Intervals.percentile(ok, p, 0.95);
            ObjectNode n = params.putObject(p);
            n.put("estimate", opt.value(p));
            n.putArray("wald").add(Json.finite(wald.lo())).add(Json.finite(wald.hi()));
            n.putArray("bootstrap").add(boot.lo()).add(boot.hi());
            if (!common.json) {
                out.printf(Locale.ROOT, "%-10s %12.6g [%12.6g, %12.6g] [%12.6g, %12.6g]%n", p, opt.value(p), wald.lo(),
                        wald.hi(), boot.lo(), boot.hi());
                BatchPlots.histogram(dir.resolve("bootstrap-" + p + ".png"), "Bootstrap estimates of " + p
                        + " (" + ok.size() + " replicates)", p, ok.stream().mapToDouble(r -> r.value(p)).toArray());
            }
        }
        if (common.json) {
            Json.print(out, doc);
            return ExitCode.OK;
        }
        BatchRuns.writeCsv(dir.resolve("bootstrap.csv"), rows);
        out.printf(Locale.ROOT, "%d replicates, %d failed (Wald: estimate ± t(0.975, n-p) SE; bootstrap: percentiles)%n",
                rows.size(), rows.size() - ok.size());
        out.println("wrote " + dir.resolve("bootstrap.csv") + ", bootstrap-<parameter>.png");
        return ExitCode.OK;
    }
}
