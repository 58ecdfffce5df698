package dev.leibniz.core.compile;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.compile.internal.StraightLine;

/**
 * A compiled graph's outputs with its inputs read where they lie in two of the caller's arrays,
 * made by {@link CompiledGraph#inPlaceOutputs}: input k is {@code first[place[k]]} when
 * {@code place[k] >= 0}, and {@code second[-1 - place[k]]} otherwise. The same generated method as
 * {@link CompiledGraph#evaluateOutputs} (every value in a register, only the outputs stored), the
 * same operations in the same order, so the same bits; only the loads of the inputs differ.
 *
 * <p>Why: an ODE solver's forward-sensitivity right-hand side reads the states and their
 * sensitivities from the solver's array u and t and the parameters from elsewhere; gathering them
 * into one input array per call (a few hundred calls per solve) cost more than a tenth of
 * Lotka–Volterra's forward-sensitivity gradient. Immutable and shareable between threads; each
 * thread passes its own {@link CompiledGraph.Workspace} (for its subgradient policy).
 */
public final class InPlaceOutputs {
    private final CompiledGraph owner;
    private final StraightLine code;
    private final int[] place;
    private final int firstLength;
    private final int secondLength;
    private final int outputs;

    InPlaceOutputs(CompiledGraph owner, StraightLine code, int[] place, int outputs) {
        this.owner = owner;
        this.code = code;
        this.place = place.clone();
        int f = 0;
        int s = 0;
        for (int p : place) {
            f = Math.max(f, p + 1);
            s = Math.max(s, -p);
        }
        this.firstLength = f;
        this.secondLength = s;
        this.outputs = outputs;
    }

    /** The input places this evaluator reads (a copy). */
    public int[] place() {
        return place.clone();
    }

    /**
     * {@code out[j]} = output j of the graph for {@code j <} the output count (entries after them are
     * left alone), the inputs read from {@code first} and {@code second} at their places.
     *
     * @throws GraphException when an array is too short for the places or the outputs
     * @throws dev.leibniz.core.LeibnizException when the workspace belongs to another compiled graph
     */
    public void evaluate(double[] first, double[] second, double[] out, CompiledGraph.Workspace w) {
        owner.checkWorkspace(w);
        if (first == null && firstLength > 0 || first != null && first.length < firstLength) {
            throw new GraphException("first input array " + length(first) + " is too short: the inputs read it up to "
                    + "index " + (firstLength - 1));
        }
        if (second == null && secondLength > 0 || second != null && second.length < secondLength) {
            throw new GraphException("second input array " + length(second) + " is too short: the inputs read it up to "
                    + "index " + (secondLength - 1));
        }
        if (out == null || out.length < outputs) {
            throw new GraphException("output array " + length(out) + " has room for fewer than the graph's "
                    + outputs + " outputs");
        }
        code.evaluate(first, second, out, w.state.policy);
    }

    private static String length(double[] a) {
        return a == null ? "null" : "of length " + a.length;
    }
}
