package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.Intervals;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.models.batch.Tasks;
import dev.leibniz.models.calibration.Losses;
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
 * {@code leibniz profile MODEL --data CSV}: profile likelihoods of every fitted parameter, and the
 * 95 % profile intervals beside the Wald intervals of the fit ({@link Intervals}).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profile likelihood of each fitted parameter: the fit is repeated with the parameter held at"
                + " each point of a grid around the optimum and the others refitted.",
            "Prints the 95 % profile interval beside the Wald interval (estimate ± 1.96 SE): they agree where the"
                + " loss is quadratic; where they do not, trust the profile.",
            "Writes profiles.csv and profile-<parameter>.png into --out.",
            "Example: leibniz profile examples/lotka-volterra.model --data examples/hudson-bay-lynx-hare.csv --loss logsse"})
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JobOptions job;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Measurements, as for fit.")
    Path data;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "21",
            description = "Grid points per parameter. Default: ${DEFAULT-VALUE}.")
    int grid;

    @Option(names = "--width", paramLabel = "W", defaultValue = "4",
            description = "The grid spans the estimate ± W standard errors. Default: ${DEFAULT-VALUE}.")
    double width;

    @Mixin
    BatchOptions batch;

    /** Profile and Wald bounds further apart than this fraction of the Wald half-width: not quadratic. */
    static final double QUADRATIC = 0.1;

    @Override
    public Integer call() throws java.io.IOException {
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new LeibnizException("--width must be a positive number, got " + width);
        }
        FitJob j = job.job(data);
        TaskResult opt = OptimumFit.of(j);
        List<TaskResult> rows;
        try (BatchEngine engine = BatchRuns.engine(batch)) {
            var tasks = Tasks.profiles(j, opt.values(), opt.standardErrors(), grid, width);
            rows = engine.run(j, tasks, BatchRuns.progress(spec.commandLine().getErr(), tasks.size(), common.progress));
        }
        boolean leastSquares = Losses.byName(j.loss()).isLeastSquares();
        double delta = Intervals.profileThreshold(opt.loss(), opt.observations(), OptimumFit.fitted(j), leastSquares, 0.95);
        double z = Math.sqrt(new org.hipparchus.distribution.continuous.ChiSquaredDistribution(1).inverseCumulativeProbability(0.95));
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode doc = Json.object();
        doc.put("loss", opt.loss());
        doc.put("threshold", delta);
        ObjectNode params = doc.putObject("parameters");
        if (!common.json) {
            out.printf(Locale.ROOT, "%-10s %12s %27s %27s  %s%n", "parameter", "estimate", "Wald 95 %", "profile 95 %", "shape");
        }
        Path dir = job.outDir();
        for (String p : opt.parameterNames()) {
            double se = opt.standardError(p);
            if (!(se > 0) || j.fixed().contains(p)) {
                continue;
            }
            double v = opt.value(p);
            Intervals.Interval wald = new Intervals.Interval(v - z * se, v + z * se);
            Intervals.Interval prof = Intervals.profile(rows, p, v, opt.loss(), delta);
            String shape = !prof.closed() ? "open (the loss stays below the threshold within the grid)"
                    : Math.abs(prof.lo() - wald.lo()) <= QUADRATIC * z * se && Math.abs(prof.hi() - wald.hi()) <= QUADRATIC * z * se
                    ? "quadratic" : "not quadratic";
            ObjectNode n = params.putObject(p);
            n.put("estimate", v);
            n.putArray("wald").add(wald.lo()).add(wald.hi());
            n.putArray("profile").add(Json.finite(prof.lo())).add(Json.finite(prof.hi()));
            n.put("shape", shape);
            if (!common.json) {
                out.printf(Locale.ROOT, "%-10s %12.6g [%12.6g, %12.6g] [%12.6g, %12.6g]  %s%n", p, v, wald.lo(), wald.hi(),
                        prof.lo(), prof.hi(), shape);
                List<TaskResult> mine = rows.stream().filter(r -> r.ok() && r.label().equals(p))
                        .sorted((a, b) -> Double.compare(a.value(p), b.value(p))).toList();
                BatchPlots.profile(dir.resolve("profile-" + p + ".png"), p,
                        mine.stream().mapToDouble(r -> r.value(p)).toArray(), mine.stream().mapToDouble(TaskResult::loss).toArray(),
                        v, opt.loss(), delta);
            }
        }
        if (common.json) {
            Json.print(out, doc);
            return ExitCode.OK;
        }
        BatchRuns.writeCsv(dir.resolve("profiles.csv"), rows);
        long failed = rows.stream().filter(r -> !r.ok()).count();
        out.printf(Locale.ROOT, "loss %.8g at the optimum; threshold +%.4g; %d profile fits, %d failed%n", opt.loss(), delta,
                rows.size(), failed);
        out.println("wrote " + dir.resolve("profiles.csv") + ", profile-<parameter>.png");
        return ExitCode.OK;
    }
}
