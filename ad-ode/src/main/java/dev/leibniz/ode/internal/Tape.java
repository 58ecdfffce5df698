package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Sweeps;
import java.util.Arrays;

/**
 * A right-hand-side graph prepared for the solver's inner loops: its values ({@link #forward})
 * and its vector–Jacobian product ({@link #backward}) are ad-core's {@link Sweeps} — the
 * interpreter generated from the primitives' declarations, with the one flow contract — writing
 * into caller-owned workspaces and allocating nothing, so a solver can call them at every stage
 * of every step. Tangent (forward-mode) sweeps are ad-forward's {@code ForwardProgram}, over the
 * same sweeps.
 *
 * <p>The kink policy is {@link Subgradients#DEFAULT}: a right-hand side is differentiated as the
 * model is written.
 */
public final class Tape {
    private final Sweeps sweeps;
    private final int[] outputNodes;
    private final int[] inputNodes;
    private final Subgradients policy = Subgradients.DEFAULT;

    /**
     * @throws dev.leibniz.core.ShapeException when the graph has a matrix node, naming it
     */
    public Tape(Graph g) {
        sweeps = new Sweeps(g, "the ODE right-hand-side tape (Tape)");
        outputNodes = new int[g.outputCount()];
        for (int j = 0; j < outputNodes.length; j++) {
            outputNodes[j] = g.outputNode(j);
        }
        inputNodes = new int[g.inputCount()];
        for (int j = 0; j < inputNodes.length; j++) {
            inputNodes[j] = g.inputNode(j);
        }
    }

    public int size() {
        return sweeps.size();
    }

    public int outputCount() {
        return outputNodes.length;
    }

    public int inputCount() {
        return inputNodes.length;
    }

    /** A scratch array long enough to gather the arguments of any node. */
    public double[] newScratch() {
        return sweeps.newScratch();
    }

    /** Fills {@code v[0..size)} with every node's value; {@code inputs} by input position. */
    public void forward(double[] inputs, double[] v, double[] scratch) {
        sweeps.forward(inputs, v, policy, scratch);
    }

    /** Copies the outputs out of the node values. */
    public void outputs(double[] v, double[] out) {
        for (int j = 0; j < outputNodes.length; j++) {
            out[j] = v[outputNodes[j]];
        }
    }

    /**
     * Reverse sweep: seeds {@code g} with the output cotangents, propagates, and writes one adjoint
     * per input into {@code inputAdjoints}. {@code g} is a workspace of length {@link #size()};
     * {@code reach} one of booleans of the same length.
     */
    public void backward(double[] v, double[] cotangents, double[] g, boolean[] reach, double[] inputAdjoints,
                         double[] scratch) {
        Arrays.fill(g, 0.0);
        Arrays.fill(reach, false);
        for (int j = 0; j < outputNodes.length; j++) {
            g[outputNodes[j]] += cotangents[j];
            reach[outputNodes[j]] = true;
        }
        sweeps.backward(v, g, reach, policy, scratch);
        for (int j = 0; j < inputNodes.length; j++) {
            inputAdjoints[j] = g[inputNodes[j]];
        }
    }
}
