package dev.leibniz.core.memory;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import java.util.Arrays;

/**
 * A graph flattened for the memory-aware executors, with the two reachability facts they share:
 * which nodes the output needs ({@link #live}: a path to the output) and which nodes the reverse
 * sweep processes ({@link #swept}: operations on a path from an input to the output — the others
 * send their adjoints only to constants, which have no gradient).
 *
 * <p>The per-node forward and backward steps call the primitives' general
 * {@link Primitive#apply(double[], int, double, Subgradients)} and
 * {@link Primitive#partial(int, double[], int, double, double, Subgradients)}, which compute the
 * same numbers as the {@code Program} interpreter's specialized calls, and the backward step
 * accumulates in the same order, so gradients agree with {@code Program.gradient} bit for bit.
 */
final class Tape {
    final Graph graph;
    final int size;
    final int output;
    final Primitive[] prim;
    /** Op code per node, for the flow table ({@link Flow#flows(int, int)}). */
    final int[] code;
    final double[] param;
    final int[] argStart;
    final int[] argPool;
    final boolean[] isConst;
    final boolean[] live;
    final boolean[] swept;
    final int maxArity;

    private Tape(Graph g, int outputIndex) {
        if (g == null) {
            throw new GraphException("graph must not be null");
        }
        if (outputIndex < 0 || outputIndex >= g.outputCount()) {
            throw new GraphException("output index " + outputIndex + " is out of range; the graph has outputs "
                    + g.outputNames());
        }
        this.graph = g;
        this.size = g.size();
        this.output = g.outputNode(outputIndex);
        this.prim = new Primitive[size];
        this.code = new int[size];
        this.param = new double[size];
        this.argStart = new int[size + 1];
        this.isConst = new boolean[size];
        int m = 1;
        int pool = 0;
        for (int i = 0; i < size; i++) {
            pool += g.arity(i);
            m = Math.max(m, g.arity(i));
        }
        this.maxArity = m;
        this.argPool = new int[pool];
        boolean[] dependsOnInput = new boolean[size];
        for (int i = 0, s = 0; i < size; i++) {
            prim[i] = g.primitive(i);
            code[i] = prim[i].code();
            param[i] = g.param(i);
            isConst[i] = prim[i].kind() == Primitive.Kind.CONSTANT;
            dependsOnInput[i] = prim[i].kind() == Primitive.Kind.INPUT;
            argStart[i] = s;
            for (int k = 0, n = g.arity(i); k < n; k++, s++) {
                argPool[s] = g.arg(i, k);
                dependsOnInput[i] |= dependsOnInput[argPool[s]];
            }
            argStart[i + 1] = s;
        }
        this.live = new boolean[size];
        live[output] = true;
        for (int i = size - 1; i >= 0; i--) {
            if (live[i]) {
                for (int s = argStart[i]; s < argStart[i + 1]; s++) {
                    live[argPool[s]] = true;
                }
            }
        }
        this.swept = new boolean[size];
        for (int i = 0; i < size; i++) {
            swept[i] = live[i] && dependsOnInput[i] && isOperation(i);
        }
    }

    static Tape of(Graph g, int outputIndex) {
        return new Tape(g, outputIndex);
    }

    /**
     * The executors plan one double per value: matrix-valued nodes would need sized slots, so a
     * matrix graph is refused with a {@code ShapeException} naming its first matrix node.
     */
    static void requireScalar(Graph g, String executor) {
        if (g != null) {
            g.requireScalar(executor);
        }
    }

    boolean isOperation(int i) {
        Primitive.Kind k = prim[i].kind();
        return k != Primitive.Kind.INPUT && k != Primitive.Kind.CONSTANT;
    }

    boolean isInput(int i) {
        return prim[i].kind() == Primitive.Kind.INPUT;
    }

    int arity(int i) {
        return argStart[i + 1] - argStart[i];
    }

    int arg(int i, int k) {
        return argPool[argStart[i] + k];
    }

    /** Value of node {@code i} from its gathered arguments {@code x} (or the caller's input). */
    double apply(int i, double[] x, double[] inputs, Subgradients policy) {
        if (isInput(i)) {
            return inputs[(int) param[i]];
        }
        return prim[i].apply(x, arity(i), param[i], policy);
    }

    /**
     * One step of the reverse sweep at node {@code i}: {@code ḡ[arg_k] += Flow.times(ḡ[i], ∂y_i/∂x_k)},
     * from the gathered arguments {@code x} and output {@code y}, under the flow contract of the
     * interpreter ({@link Flow}): nothing along an edge whose dependence is {@code NONE} (whose
     * saved values the plan may have poisoned), and an exact zero when ḡ[i] or the partial is
     * exactly zero (the untaken branch of a select gets an exact zero, not 0·∞).
     */
    void backwardStep(int i, double[] x, double y, double[] g, Subgradients policy) {
        double gi = g[i];
        if (gi == 0) {
            return;
        }
        int n = arity(i);
        int c = code[i];
        for (int k = 0; k < n; k++) {
            if (Flow.flows(c, k)) {
                g[arg(i, k)] += Flow.times(gi, prim[i].partial(k, x, n, y, param[i], policy));
            }
        }
    }

    void checkInputs(double[] inputs) {
        if (inputs == null || inputs.length != graph.inputCount()) {
            throw new GraphException("the graph takes " + graph.inputCount() + " input"
                    + (graph.inputCount() == 1 ? "" : "s") + " " + graph.inputNames() + ", got "
                    + (inputs == null ? "null" : inputs.length + " values " + Arrays.toString(inputs)));
        }
    }

    static void checkPolicy(Subgradients policy) {
        if (policy == null) {
            throw new GraphException("subgradient policy must not be null");
        }
    }

    /** Wraps adjoints as a {@link Gradient}; inputs with no path to the output are absent. */
    Gradient gradient(double value, double[] g) {
        int m = graph.inputCount();
        String[] names = new String[m];
        double[] grad = new double[m];
        boolean[] present = new boolean[m];
        for (int k = 0; k < m; k++) {
            int node = graph.inputNode(k);
            names[k] = graph.inputName(k);
            grad[k] = g[node];
            present[k] = live[node];
        }
        return new Gradient(value, names, grad, present);
    }

    /** Number of operation nodes the output needs (one forward pass). */
    long liveOperations() {
        long c = 0;
        for (int i = 0; i < size; i++) {
            if (live[i] && isOperation(i)) {
                c++;
            }
        }
        return c;
    }
}
