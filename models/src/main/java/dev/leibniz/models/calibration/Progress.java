package dev.leibniz.models.calibration;

import java.util.List;

/**
 * A snapshot of a calibration in progress, taken after one optimizer iteration: where the
 * optimizer is now and the best point it has seen so far, both in model coordinates θ (bounds
 * applied, fixed parameters included, in model order). Immutable: the arrays are copied in and
 * out, so a snapshot can be handed to another thread (a progress printer, a shutdown hook that
 * saves the best parameters on Ctrl-C) without locking.
 *
 * <p>The best loss never increases from one snapshot to the next; the current loss may (Adam
 * does not descend monotonically).
 *
 * @param iteration      the iteration just completed; 0 is the starting point
 * @param loss           the loss at the current point
 * @param parameters     the current θ, all parameters in model order
 * @param bestIteration  the iteration at which the best point was reached
 * @param bestLoss       the lowest loss seen so far
 * @param bestParameters θ at the best point
 * @param parameterNames the names of the parameters, in model order
 */
public record Progress(int iteration, double loss, double[] parameters, int bestIteration, double bestLoss,
                       double[] bestParameters, List<String> parameterNames) {

    public Progress {
        parameters = parameters.clone();
        bestParameters = bestParameters.clone();
        parameterNames = List.copyOf(parameterNames);
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] bestParameters() {
        return bestParameters.clone();
    }

    /** The best-so-far value of one parameter by name. */
    public double best(String name) {
        int i = parameterNames.indexOf(name);
        if (i < 0) {
            throw new dev.leibniz.core.LeibnizException("no parameter '" + name + "'; the model has " + parameterNames);
        }
        return bestParameters[i];
    }

    @Override
    public String toString() {
        return "iteration " + iteration + ": loss " + loss + " (best " + bestLoss + " at iteration " + bestIteration
                + ")";
    }
}
