package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.sbml.petab.PetabObjective;
import dev.leibniz.sbml.petab.PetabProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leibniz evaluate PROBLEM.yaml}: a PEtab problem's log-likelihood, χ² and gradient. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a PEtab problem: the log-likelihood, chi^2 and the gradient of the log-likelihood with"
                + " respect to the estimated parameters, on their scales (lin, log, log10).",
            "The same PROBLEM.yaml works with 'leibniz simulate' (simulatedData layout) and 'leibniz fit' (--starts N).",
            "Example: leibniz evaluate Boehm_JProteomeRes2014.yaml --json"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    PetabOptions petab;

    @Parameters(index = "0", paramLabel = "PROBLEM.yaml", description = "The PEtab problem's YAML file.")
    Path problem;

    @Option(names = "--sensitivities", paramLabel = "MODE",
            description = "forward or adjoint (default: forward for up to 20 parameters, else adjoint).")
    String sensitivities;

    @Override
    public Integer call() {
        dev.leibniz.sbml.JsbmlLogging.quiet();
        PetabProblem p = PetabProblem.read(problem);
        PetabObjective f = new PetabObjective(p, petab.solver());
        double[] theta = petab.theta(p);
        SensitivityMethod m = mode(sensitivities, f.dimension());
        PetabObjective.Evaluation e = f.evaluate(theta);
        PetabObjective.ValueAndGradient g = f.gradient(theta, m);
        List<PetabProblem.Parameter> est = p.estimated();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode doc = Json.object();
            doc.put("problem", problem.toString());
            doc.put("llh", Json.finite(e.logLikelihood()));
            doc.put("chi2", Json.finite(e.chi2()));
            doc.put("sensitivities", m.name().toLowerCase(Locale.ROOT));
            ObjectNode grad = doc.putObject("gradient");
            ObjectNode scales = doc.putObject("scales");
            ObjectNode values = doc.putObject("parameters");
            for (int i = 0; i < est.size(); i++) {
                grad.put(est.get(i).id(), Json.finite(g.gradient()[i]));
                scales.put(est.get(i).id(), est.get(i).scale().id());
                values.put(est.get(i).id(), est.get(i).scale().unscale(theta[i]));
            }
            Json.print(out, doc);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "%s: %d measurements, %d estimated parameters%n", problem.getFileName(),
                p.measurements().size(), est.size());
        out.printf(Locale.ROOT, "log-likelihood  %.12g%n", e.logLikelihood());
        out.printf(Locale.ROOT, "chi2            %.12g%n", e.chi2());
        out.printf(Locale.ROOT, "gradient of the log-likelihood (%s sensitivities), on the parameter scales:%n",
                m.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        for (int i = 0; i < est.size(); i++) {
            out.printf(Locale.ROOT, "  %-28s %-6s value %-14.8g d llh/d theta %.8g%n", est.get(i).id(),
                    est.get(i).scale().id(), est.get(i).scale().unscale(theta[i]), g.gradient()[i]);
        }
        return ExitCode.OK;
    }

    static SensitivityMethod mode(String s, int parameters) {
        if (s == null) {
            return parameters <= 20 ? SensitivityMethod.FORWARD : SensitivityMethod.CONTINUOUS_ADJOINT;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "forward" -> SensitivityMethod.FORWARD;
            case "adjoint" -> SensitivityMethod.CONTINUOUS_ADJOINT;
            default -> throw new dev.leibniz.core.LeibnizException("--sensitivities: unknown mode '" + s
                    + "'; valid: forward, adjoint");
        };
    }
}
