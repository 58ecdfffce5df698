package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.sbml.petab.MultiStart;
import dev.leibniz.sbml.petab.PetabObjective;
import dev.leibniz.sbml.petab.PetabProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code leibniz fit PROBLEM.yaml --starts N} (routed here by {@link PetabRoutes}): multi-start
 * maximum likelihood ({@link MultiStart}); writes the report, the best parameters, a waterfall
 * plot of the starts and each condition's observables against their data.
 */
@Command(name = "petab-fit", hidden = true, mixinStandardHelpOptions = true,
        description = {"Calibrate a PEtab problem: bound-constrained Levenberg-Marquardt or L-BFGS with exact"
                + " derivatives from Latin hypercube starts within the bounds, on the parameter scales.",
            "Writes report.json, parameters.tsv (usable as --params), waterfall.png and fit-CONDITION.png into --out.",
            "Example: leibniz fit Boehm_JProteomeRes2014.yaml --starts 20 --out boehm-fit"})
final class PetabFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    PetabOptions petab;

    @Parameters(index = "0", paramLabel = "PROBLEM.yaml", description = "The PEtab problem's YAML file.")
    Path problem;

    @Option(names = "--starts", paramLabel = "N", description = "Number of starts (default 10).")
    int starts = 10;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the Latin hypercube (default 1).")
    long seed = 1;

    @Option(names = "--max-iter", paramLabel = "K", description = "L-BFGS iterations per start (default 300).")
    int maxIterations = 300;

    @Option(names = "--sensitivities", paramLabel = "MODE",
            description = "forward or adjoint (default: forward for up to 20 parameters, else adjoint).")
    String sensitivities;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "lm (bound-constrained Levenberg-Marquardt on the Fisher information; the default unless"
                    + " some noise is Laplace), lbfgs (projected L-BFGS on the gradient) or lbfgsb (L-BFGS-B with the"
                    + " generalized Cauchy point).")
    String optimizer;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default petab-fit).")
    Path out = Path.of("petab-fit");

    @Override
    public Integer call() throws IOException {
        dev.leibniz.sbml.JsbmlLogging.quiet();
        PetabProblem p = PetabProblem.read(problem);
        PetabObjective f = new PetabObjective(p, petab.solver());
        SensitivityMethod m = EvaluateCommand.mode(sensitivities, f.dimension());
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MultiStart.Optimizer method = optimizer(optimizer, f);
        List<MultiStart.Start> results = MultiStart.run(f, starts, seed, maxIterations, m, method, s -> {
            if (!common.json) {
                err.printf(Locale.ROOT, "start %d: llh %.10g after %d iterations (%s)%n", s.index() + 1,
                        s.logLikelihood(), s.iterations(), s.status());
                err.flush();
            }
        });
        MultiStart.Start best = results.get(0);
        if (Double.isNaN(best.logLikelihood())) {
            throw new ComputationFailedException("every start failed; the first: " + best.status());
        }
        Files.createDirectories(out);
        List<PetabProblem.Parameter> est = p.estimated();
        StringBuilder tsv = new StringBuilder("parameterId\tvalue\n");
        for (int i = 0; i < est.size(); i++) {
            tsv.append(est.get(i).id()).append('\t').append(est.get(i).scale().unscale(best.theta()[i])).append('\n');
        }
        Files.writeString(out.resolve("parameters.tsv"), tsv, StandardCharsets.UTF_8);
        ObjectNode report = report(p, results);
        Json.write(out.resolve("report.json"), report);
        waterfall(out.resolve("waterfall.png"), results);
        observables(p, f.evaluate(best.theta()).simulated());
        if (common.json) {
            Json.print(w, report);
            return ExitCode.OK;
        }
        w.printf(Locale.ROOT, "best log-likelihood %.10g (start %d of %d)%n", best.logLikelihood(), best.index() + 1,
                results.size());
        for (int i = 0; i < est.size(); i++) {
            w.printf(Locale.ROOT, "  %-28s %.8g%n", est.get(i).id(), est.get(i).scale().unscale(best.theta()[i]));
        }
        w.println("wrote " + out.resolve("report.json") + ", parameters.tsv, waterfall.png and fit-*.png");
        return ExitCode.OK;
    }

    static MultiStart.Optimizer optimizer(String s, PetabObjective f) {
        if (s == null) {
            return MultiStart.defaultOptimizer(f);
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "lbfgs" -> MultiStart.Optimizer.LBFGS;
            case "lbfgsb" -> MultiStart.Optimizer.LBFGSB;
            case "lm" -> MultiStart.Optimizer.LEVENBERG_MARQUARDT;
            default -> throw new dev.leibniz.core.LeibnizException("--optimizer: unknown optimizer '" + s
                    + "'; valid: lbfgs, lbfgsb, lm");
        };
    }

    private static ObjectNode report(PetabProblem p, List<MultiStart.Start> results) {
        ObjectNode doc = Json.object();
        doc.put("problem", p.yaml().toString());
        doc.put("bestLogLikelihood", results.get(0).logLikelihood());
        ArrayNode rows = doc.putArray("starts");
        for (MultiStart.Start s : results) {
            ObjectNode r = rows.addObject();
            r.put("start", s.index() + 1);
            if (Double.isFinite(s.logLikelihood())) {
                r.put("llh", s.logLikelihood());
            }
            r.put("iterations", s.iterations());
            r.put("evaluations", s.evaluations());
            r.put("converged", s.converged());
            r.put("status", s.status());
            ObjectNode theta = r.putObject("parameters");
            for (int i = 0; i < p.estimated().size(); i++) {
                theta.put(p.estimated().get(i).id(), p.estimated().get(i).scale().unscale(s.theta()[i]));
            }
        }
        return doc;
    }

    /** The waterfall: −llh of the starts sorted best first; a plateau at the left means the optimum was found repeatedly. */
    private static void waterfall(Path png, List<MultiStart.Start> results) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (Double.isFinite(results.get(i).logLikelihood())) {
                x.add((double) (i + 1));
                y.add(-results.get(i).logLikelihood());
            }
        }
        Plots.trajectories(png, "Waterfall: -log-likelihood of the starts, best first", "start (sorted)",
                List.of(new Plots.Series("-llh", unbox(x), unbox(y), true)));
    }

    /** Per simulation condition, each observable's simulation (line) against its measurements (points). */
    private void observables(PetabProblem p, double[] simulated) throws IOException {
        Map<String, Map<String, List<Integer>>> byCondition = new LinkedHashMap<>();
        for (int i = 0; i < p.measurements().size(); i++) {
            PetabProblem.Measurement m = p.measurements().get(i);
            byCondition.computeIfAbsent(m.conditionId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(m.observableId(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, Map<String, List<Integer>>> c : byCondition.entrySet()) {
            List<Plots.Series> series = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> o : c.getValue().entrySet()) {
                List<Integer> rows = new ArrayList<>(o.getValue());
                rows.removeIf(r -> !Double.isFinite(p.measurements().get(r).time())); // steady states: no time axis
                rows.sort((a, b) -> Double.compare(p.measurements().get(a).time(), p.measurements().get(b).time()));
                double[] t = rows.stream().mapToDouble(r -> p.measurements().get(r).time()).toArray();
                series.add(new Plots.Series(o.getKey() + " (fit)", t,
                        rows.stream().mapToDouble(r -> simulated[r]).toArray(), false));
                series.add(new Plots.Series(o.getKey() + " (data)", t,
                        rows.stream().mapToDouble(r -> p.measurements().get(r).value()).toArray(), true));
            }
            String safe = c.getKey().replaceAll("[^A-Za-z0-9_.-]", "_");
            Plots.trajectories(out.resolve("fit-" + safe + ".png"), "Condition " + c.getKey(), "time", series);
        }
    }

    private static double[] unbox(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
