package dev.leibniz.cli;

import dev.leibniz.core.AnomalyException;
import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;

/**
 * The one rule for non-finite results, the same in text and JSON: an infinite or NaN value or
 * derivative is a failed computation (exit 1), never a number to print. JSON cannot hold it,
 * and a text answer of {@code Infinity} with exit 0 told a script the opposite of what
 * {@code --json} did. The message says which result is not finite and, where a graph made it,
 * the first primitive that produced it, found by rerunning with anomaly detection:
 * {@code error: df/dx is not finite (Infinity) at this point: backward pass: %2 = sqrt %0 …}.
 */
final class NonFinite {
    private NonFinite() {
    }

    /**
     * Fails unless {@code value} is finite.
     *
     * @param what  the result's name as printed ({@code f}, {@code df/dx}, {@code J[2,3]})
     * @param graph the graph that computed it (its first output is rerun), or null
     * @param point the inputs it was computed at
     */
    static void require(String what, double value, Graph graph, double[] point) {
        if (Double.isFinite(value)) {
            return;
        }
        String where = graph == null ? "" : "; " + firstAnomaly(graph, point);
        throw new ComputationFailedException(what + " is not finite (" + value + ") at this point" + where);
    }

    /** Where anomaly detection finds the first non-finite value of {@code graph}'s passes over its outputs. */
    static String firstAnomaly(Graph graph, double[] point) {
        EvalOptions detect = EvalOptions.DEFAULT.withAnomalyDetection(true);
        try {
            for (int k = 0; k < graph.outputCount(); k++) {
                graph.compile().gradient(k, detect, point);
            }
        } catch (AnomalyException e) {
            return "first non-finite value: " + e.getMessage();
        } catch (LeibnizException e) {
            return "(no primitive could be named: " + e.getMessage() + ")";
        }
        return "(anomaly detection found no non-finite value in the graph's own passes)";
    }
}
