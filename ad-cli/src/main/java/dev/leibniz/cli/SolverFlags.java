package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.ode.OdeException;
import dev.leibniz.ode.SolverOptions;
import picocli.CommandLine.Option;

/**
 * The ODE solver's tolerances and step limits, shared by {@code simulate} and {@code fit}. Each
 * flag overrides the model file's {@code solve} line, which overrides the defaults; a bad value
 * is bad input (exit 2) naming the flag.
 */
final class SolverFlags {
    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of the ODE solver (> 0).")
    Double rtol;

    @Option(names = "--atol", paramLabel = "A", description = "Absolute tolerance of the ODE solver (> 0).")
    Double atol;

    @Option(names = "--max-steps", paramLabel = "N", description = "Step budget of one solve (step attempts, >= 1).")
    Integer maxSteps;

    @Option(names = "--max-step", paramLabel = "H", description = "Largest step of the ODE solver (> 0).")
    Double maxStep;

    /** The options with these flags applied; a rejected value names its flag. */
    SolverOptions apply(SolverOptions o) {
        try {
            if (rtol != null || atol != null) {
                o = o.withTolerances(rtol != null ? rtol : o.relativeTolerance(),
                        atol != null ? atol : o.absoluteTolerance());
            }
            if (maxSteps != null) {
                o = o.withMaxSteps(maxSteps);
            }
            if (maxStep != null) {
                o = o.withMaxStep(maxStep);
            }
            return o;
        } catch (OdeException e) {
            // the options record names the flag; as a command-line value this is bad input, not a failed solve
            throw new LeibnizException(e.getMessage());
        }
    }
}
