package dev.leibniz.forward;

import dev.leibniz.core.ForwardMode;
import dev.leibniz.core.Graph;

/**
 * Forward mode as a graph transformation, found where forward mode lives: the JVP graph of
 * {@code f}, with inputs x₁…xₙ, t_x₁…t_xₙ and outputs f₁…fₘ, jvp_f₁…jvp_fₘ where
 * {@code jvp_f = J_f(x)·t}, for scalar and matrix graphs alike.
 *
 * <p>This class only names the one implementation, ad-core's {@link ForwardMode#jvpGraph}: the
 * transformation needs nothing beyond ad-core, and ad-core's own tests and derivative graphs use
 * it there. See {@link ForwardMode} for the rule (strong-zero products {@code mulz}, no terms for
 * identically zero partials, no multiplications by ±1, kink policy read at evaluation).
 *
 * <p>For one direction at a time this is the graph to compile; for many directions at once the
 * numeric {@link ForwardProgram} with k lanes evaluates each partial once per k directions.
 */
public final class JvpGraph {
    private JvpGraph() {
    }

    /** The name of the tangent input of an input named {@code x}: {@code t_x}. */
    public static String tangentName(String input) {
        return ForwardMode.tangentName(input);
    }

    /** The name of the JVP output of an output named {@code f}: {@code jvp_f}. */
    public static String jvpName(String output) {
        return ForwardMode.jvpName(output);
    }

    /** The JVP graph of {@code f}: {@link ForwardMode#jvpGraph(Graph)}. */
    public static Graph of(Graph f) {
        return ForwardMode.jvpGraph(f);
    }

    /** The JVP graph with other name prefixes: {@link ForwardMode#jvpGraph(Graph, String, String)}. */
    public static Graph of(Graph f, String tangentPrefix, String outputPrefix) {
        return ForwardMode.jvpGraph(f, tangentPrefix, outputPrefix);
    }
}
