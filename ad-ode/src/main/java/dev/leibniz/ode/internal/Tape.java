package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.UnaryPrimitive;

/**
 * A graph flattened once into primitive arrays for the solver's inner loops: per node its kind,
 * its primitive, its argument offsets and its own number. Evaluation ({@link #forward}) and the
 * reverse sweep ({@link #backward}) write into caller-owned workspaces and allocate nothing, so a
 * solver can call them at every stage of every step. Tangent (forward-mode) sweeps are
 * ad-forward's {@code ForwardProgram}.
 *
 * <p>The loops mirror ad-core's {@code Engine}: the reverse sweep accumulates
 * {@code ḡ[arg] += ḡ[i] · ∂y_i/∂arg} with {@code +=} (fan-out sums) and skips nodes whose adjoint
 * is exactly zero, so an unselected branch sends an exact zero rather than 0·∞ = NaN.
 */
public final class Tape {
    final int size;
    final Primitive.Kind[] kind;
    final Primitive[] prim;
    final UnaryPrimitive[] unary;
    final BinaryPrimitive[] binary;
    final int[] argStart;
    final int[] args;
    final double[] param;
    final int[] outputNodes;
    final int[] inputNodes;
    final int maxArity;
    final Subgradients policy = Subgradients.DEFAULT;

    public Tape(Graph g) {
        // one double per node: a matrix node would be read as its first element
        g.requireScalar("the ODE right-hand-side tape (ode.internal.Tape)");
        size = g.size();
        kind = new Primitive.Kind[size];
        prim = new Primitive[size];
        unary = new UnaryPrimitive[size];
        binary = new BinaryPrimitive[size];
        argStart = new int[size + 1];
        param = new double[size];
        int total = 0;
        int m = 1;
        for (int i = 0; i < size; i++) {
            total += g.arity(i);
        }
        args = new int[total];
        int pos = 0;
        for (int i = 0; i < size; i++) {
            Primitive p = g.primitive(i);
            prim[i] = p;
            kind[i] = p.kind();
            if (p instanceof UnaryPrimitive u) {
                unary[i] = u;
            } else if (p instanceof BinaryPrimitive b) {
                binary[i] = b;
            }
            param[i] = g.param(i);
            argStart[i] = pos;
            int k = g.arity(i);
            m = Math.max(m, k);
            for (int j = 0; j < k; j++) {
                args[pos++] = g.arg(i, j);
            }
        }
        argStart[size] = pos;
        maxArity = m;
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
        return size;
    }

    public int outputCount() {
        return outputNodes.length;
    }

    public int inputCount() {
        return inputNodes.length;
    }

    /** A scratch array long enough to gather the arguments of any node. */
    public double[] newScratch() {
        return new double[maxArity];
    }

    /** Fills {@code v[0..size)} with every node's value; {@code inputs} by input position. */
    public void forward(double[] inputs, double[] v, double[] scratch) {
        for (int i = 0; i < size; i++) {
            int s = argStart[i];
            switch (kind[i]) {
                case INPUT -> v[i] = inputs[(int) param[i]];
                case CONSTANT -> v[i] = param[i];
                case UNARY -> v[i] = unary[i].apply(v[args[s]], param[i], policy);
                case BINARY -> v[i] = binary[i].apply(v[args[s]], v[args[s + 1]], policy);
                default -> {
                    int k = argStart[i + 1] - s;
                    gather(i, v, scratch);
                    v[i] = prim[i].apply(scratch, k, param[i], policy);
                }
            }
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
     * per input into {@code inputAdjoints}. {@code g} is a workspace of length {@link #size()}.
     */
    public void backward(double[] v, double[] cotangents, double[] g, double[] inputAdjoints, double[] scratch) {
        java.util.Arrays.fill(g, 0.0);
        for (int j = 0; j < outputNodes.length; j++) {
            g[outputNodes[j]] += cotangents[j];
        }
        for (int i = size - 1; i >= 0; i--) {
            double gi = g[i];
            if (gi == 0) {
                continue;
            }
            int s = argStart[i];
            switch (kind[i]) {
                case INPUT, CONSTANT -> {
                }
                case UNARY -> {
                    int a = args[s];
                    g[a] += gi * unary[i].derivative(v[a], v[i], param[i], policy);
                }
                case BINARY -> {
                    int a = args[s];
                    int b = args[s + 1];
                    BinaryPrimitive p = binary[i];
                    g[a] += gi * p.partialA(v[a], v[b], v[i], policy);
                    g[b] += gi * p.partialB(v[a], v[b], v[i], policy);
                }
                default -> {
                    int k = argStart[i + 1] - s;
                    gather(i, v, scratch);
                    Primitive p = prim[i];
                    for (int j = 0; j < k; j++) {
                        g[args[s + j]] += gi * p.partial(j, scratch, k, v[i], param[i], policy);
                    }
                }
            }
        }
        for (int j = 0; j < inputNodes.length; j++) {
            inputAdjoints[j] = g[inputNodes[j]];
        }
    }

    void gather(int i, double[] v, double[] scratch) {
        for (int s = argStart[i], e = argStart[i + 1], j = 0; s < e; s++, j++) {
            scratch[j] = v[args[s]];
        }
    }
}
