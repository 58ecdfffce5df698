package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.sbml.petab.ParameterValues;
import dev.leibniz.sbml.petab.PetabObjective;
import dev.leibniz.sbml.petab.PetabProblem;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the PEtab commands: parameter values and the integration. */
final class PetabOptions {
    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameter values (TSV with columns parameterId and value, linear scale) instead of the"
                    + " nominal values of the parameter table.")
    Path params;

    @Option(names = "--method", paramLabel = "METHOD", completionCandidates = ModelRun.MethodNames.class,
            description = "The solver, any of ${COMPLETION-CANDIDATES}. Default: rodas5p (systems biology models are"
                    + " often stiff).")
    String method;

    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of the solver (default 1e-8).")
    Double rtol;

    @Option(names = "--atol", paramLabel = "A", description = "Absolute tolerance of the solver (default 1e-10).")
    Double atol;

    SolverOptions solver() {
        SolverOptions o = PetabObjective.DEFAULT_OPTIONS;
        if (method != null) {
            o = o.withMethod(ModelRun.method(method));
        }
        double r = rtol != null ? rtol : o.relativeTolerance();
        double a = atol != null ? atol : o.absoluteTolerance();
        if (!(r > 0) || !(a > 0)) {
            throw new LeibnizException("--rtol and --atol must be positive, got " + r + " and " + a);
        }
        return o.withTolerances(r, a);
    }

    double[] theta(PetabProblem p) {
        return params == null ? p.nominalOnScale() : ParameterValues.read(params, p);
    }
}
