package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.internal.Sweeps;
import dev.leibniz.core.compile.CompiledGraph;
import java.util.Arrays;

/**
 * A right-hand-side graph prepared for the solver's inner loops: its values ({@link #forward})
 * and its vector–Jacobian product ({@link #backward}) are ad-core's {@link Sweeps} — the
 * interpreter generated from the primitives' declarations, with the one flow contract — writing
 * into caller-owned workspaces and allocating nothing, so a solver can call them at every stage
 * of every step. Tangent (forward-mode) sweeps are ad-forward's {@code ForwardProgram}, over the
 * same sweeps.
 *
 * <p>When the problem is hot its {@link RhsCode} hands the tape JVM bytecode for both sweeps
 * (bit for bit the interpreter's results); the tape counts its sweeps for that decision. Compiled,
 * {@link #evaluate} and {@link #backward} allocate nothing and, for a small right-hand side, keep
 * every value or adjoint in registers ({@code CompiledGraph.evaluateOutputs} and {@code vjp}); the
 * full {@link #forward} allocates a small state object per call (ad-core's {@code CompiledGraph}
 * takes the caller's node array that way).
 *
 * <p>The kink policy is {@link Subgradients#DEFAULT}: a right-hand side is differentiated as the
 * model is written.
 */
public final class Tape {
    private final Sweeps sweeps;
    private final int[] outputNodes;
    private final int[] inputNodes;
    private final Subgradients policy = Subgradients.DEFAULT;
    private final RhsCode code;
    /** The compiled sweeps of this tape's whole life, or null: the interpreter. */
    private final CompiledGraph compiled;
    private final CompiledGraph.Workspace compiledWs;
    /** Sweeps not yet reported to {@link #code}. */
    private int uncounted;
    /**
     * Report granularity. A tape lives for one solve and its unreported remainder dies with it, so
     * this must be well below one short solve's sweeps (a plain Lotka–Volterra solve makes about
     * 330): at 1024 such solves were never counted and never got compiled code.
     */
    private static final int REPORT_EVERY = 64;

    /**
     * A tape of its own (interpreted) for {@code g}.
     *
     * @throws dev.leibniz.core.ShapeException when the graph has a matrix node, naming it
     */
    public Tape(Graph g) {
        this(new RhsCode(g));
    }

    /**
     * A tape for one solve of a problem whose right-hand side is {@code code}: compiled when the
     * problem is hot, else interpreted, for the tape's whole life.
     *
     * @throws dev.leibniz.core.ShapeException when the graph has a matrix node, naming it
     */
    public Tape(RhsCode code) {
        Graph g = code.graph();
        this.code = code;
        sweeps = code.sweeps();
        compiled = code.compiledForNextSolve();
        compiledWs = compiled == null ? null : compiled.newWorkspace();
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

    /** True when this tape runs compiled code. */
    public boolean isCompiled() {
        return compiled != null;
    }

    /** Fills {@code v[0..size)} with every node's value; {@code inputs} by input position. */
    public void forward(double[] inputs, double[] v, double[] scratch) {
        counted();
        if (compiled != null) {
            compiled.forward(inputs, v, policy);
        } else {
            sweeps.forward(inputs, v, policy, scratch);
        }
    }

    /**
     * The outputs only into {@code out} ({@code v} and {@code scratch} are the interpreter's
     * workspace): compiled code keeps the other values in registers.
     */
    public void evaluate(double[] inputs, double[] v, double[] scratch, double[] out) {
        counted();
        if (compiled != null) {
            compiled.evaluateOutputs(inputs, out, compiledWs);
        } else {
            sweeps.forward(inputs, v, policy, scratch);
            outputs(v, out);
        }
    }

    private void counted() {
        if (++uncounted == REPORT_EVERY) {
            code.count(uncounted);
            uncounted = 0;
        }
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
     * {@code reach} one of booleans of the same length (the interpreter's; compiled code works in
     * registers or in its own workspace, {@code CompiledGraph.vjp}).
     */
    public void backward(double[] v, double[] cotangents, double[] g, boolean[] reach, double[] inputAdjoints,
                         double[] scratch) {
        backward(v, cotangents, 0, g, reach, inputAdjoints, scratch);
    }

    /** {@link #backward(double[], double[], double[], boolean[], double[], double[])} with output j's cotangent at {@code cotangents[cotOff + j]}. */
    public void backward(double[] v, double[] cotangents, int cotOff, double[] g, boolean[] reach,
                         double[] inputAdjoints, double[] scratch) {
        if (compiled != null) {
            // the interpreter's numbers, bit for bit (seeded by adding to zero adjoints, as below)
            compiled.vjp(v, cotangents, cotOff, inputAdjoints, compiledWs);
            return;
        }
        Arrays.fill(g, 0.0);
        Arrays.fill(reach, false);
        for (int j = 0; j < outputNodes.length; j++) {
            g[outputNodes[j]] += cotangents[cotOff + j];
            reach[outputNodes[j]] = true;
        }
        sweeps.backward(v, g, reach, policy, scratch);
        for (int j = 0; j < inputNodes.length; j++) {
            inputAdjoints[j] = g[inputNodes[j]];
        }
    }
}
