package dev.leibniz.core;

import java.util.Arrays;

/**
 * The matrix engine's form of a graph, behind {@link Program}: node shapes, static reachability,
 * and the entry points that run {@link TensorEngine} in a {@link Workspace}. It runs every graph
 * with matrix nodes, and the array-per-input methods of a scalar graph (whose nodes are then
 * 1×1 blocks). Immutable; every call that is not given a workspace makes its own.
 */
final class TensorProgram {
    final Graph graph;
    final Engine.Nodes nodes;
    final Shape[] shapes;
    final int maxArity;
    /** Per output: which input positions have a path to it. */
    private final boolean[][] inputReaches;

    TensorProgram(Graph graph) {
        this.graph = graph;
        this.nodes = Engine.Nodes.of(graph);
        int n = graph.size();
        this.shapes = new Shape[n];
        int m = 3;
        for (int i = 0; i < n; i++) {
            shapes[i] = graph.shape(i);
            m = Math.max(m, graph.arity(i));
        }
        this.maxArity = m;
        this.inputReaches = new boolean[graph.outputCount()][];
        for (int j = 0; j < graph.outputCount(); j++) {
            boolean[] reach = new boolean[n];
            reach[graph.outputNode(j)] = true;
            for (int i = n - 1; i >= 0; i--) {
                if (reach[i]) {
                    for (int k = 0, a = graph.arity(i); k < a; k++) {
                        reach[graph.arg(i, k)] = true;
                    }
                }
            }
            boolean[] in = new boolean[graph.inputCount()];
            for (int k = 0; k < in.length; k++) {
                in[k] = reach[graph.inputNode(k)];
            }
            inputReaches[j] = in;
        }
    }

    /** A workspace differentiating the named inputs (all inputs when none are named). */
    Workspace newWorkspace(String... wrt) {
        return new Workspace(this, wrtFlags(graph, wrt));
    }

    /** One flag per input: the named ones, or every input when none are named. */
    static boolean[] wrtFlags(Graph graph, String... wrt) {
        boolean[] w = new boolean[graph.inputCount()];
        if (wrt == null || wrt.length == 0) {
            Arrays.fill(w, true);
        } else {
            for (String name : wrt) {
                w[graph.inputIndex(name)] = true;
            }
        }
        return w;
    }

    void forward(Workspace ws, double[][] inputs, EvalOptions options) {
        checkInputs(inputs);
        TensorEngine.forward(nodes, ws.blocks, inputs, options, ws.args);
    }

    double[][] evaluate(EvalOptions options, double[][] inputs) {
        Workspace ws = newWorkspace();
        forward(ws, inputs, options);
        double[][] out = new double[graph.outputCount()][];
        for (int j = 0; j < out.length; j++) {
            out[j] = ws.output(j);
        }
        return out;
    }

    /** Forward, then a reverse sweep seeded with the given cotangent per output (null = none). */
    void backward(Workspace ws, double[][] cotangents, EvalOptions options) {
        Arrays.fill(ws.reach, false);
        TensorEngine.Blocks b = ws.blocks;
        for (int j = 0; j < graph.outputCount(); j++) {
            int node = graph.outputNode(j);
            if (cotangents[j] == null) {
                continue;
            }
            if (cotangents[j].length != shapes[node].size()) {
                throw new GraphException("the cotangent of output '" + graph.outputName(j) + "' needs " + shapes[node].size()
                        + " values (shape " + shapes[node] + "), got " + cotangents[j].length);
            }
            if (!ws.reach[node]) {
                ws.reach[node] = true;
                Arrays.fill(b.ga()[node], b.go()[node], b.go()[node] + shapes[node].size(), 0.0);
            }
            for (int e = 0; e < cotangents[j].length; e++) {
                b.ga()[node][b.go()[node] + e] += cotangents[j][e];
            }
        }
        TensorEngine.backward(nodes, b, ws.reach, ws.active, options, ws.args);
    }

    /** Input j's adjoint after a backward sweep (zeros when not reached). */
    private void readAdjoint(Workspace ws, int j, double[] into) {
        int node = graph.inputNode(j);
        if (ws.reach[node]) {
            System.arraycopy(ws.blocks.ga()[node], ws.blocks.go()[node], into, 0, shapes[node].size());
        } else {
            Arrays.fill(into, 0.0);
        }
    }

    double valueAndGradient(Workspace ws, double[][] inputs, double[][] gradients, EvalOptions options) {
        if (ws.program != this) {
            throw new GraphException("the workspace was made for another program");
        }
        int out = scalarOutput(0);
        if (gradients == null || gradients.length != graph.inputCount()) {
            throw new GraphException("gradients need one array per input (" + graph.inputCount() + "), got "
                    + (gradients == null ? "null" : gradients.length));
        }
        forward(ws, inputs, options);
        double[][] seed = new double[graph.outputCount()][];
        seed[0] = new double[] {1.0};
        backward(ws, seed, options);
        for (int j = 0; j < gradients.length; j++) {
            if (!ws.wrt[j] || gradients[j] == null) {
                continue;
            }
            if (gradients[j].length != graph.inputShape(j).size()) {
                throw new GraphException("gradient array of input '" + graph.inputName(j) + "' has length "
                        + gradients[j].length + ", the input is " + graph.inputShape(j));
            }
            readAdjoint(ws, j, gradients[j]);
        }
        return ws.blocks.va()[out][ws.blocks.vo()[out]];
    }

    Gradient gradient(int outputIndex, EvalOptions options, double[][] inputs) {
        if (outputIndex < 0 || outputIndex >= graph.outputCount()) {
            throw new GraphException("output index " + outputIndex + " is out of range; the graph has outputs "
                    + graph.outputNames());
        }
        int out = scalarOutput(outputIndex);
        Workspace ws = newWorkspace();
        forward(ws, inputs, options);
        double[][] seed = new double[graph.outputCount()][];
        seed[outputIndex] = new double[] {1.0};
        backward(ws, seed, options);
        int n = graph.inputCount();
        String[] names = new String[n];
        Shape[] s = new Shape[n];
        double[][] g = new double[n][];
        for (int j = 0; j < n; j++) {
            names[j] = graph.inputName(j);
            s[j] = graph.inputShape(j);
            g[j] = new double[s[j].size()];
            readAdjoint(ws, j, g[j]);
        }
        return new Gradient(ws.blocks.va()[out][ws.blocks.vo()[out]], names, s, g, inputReaches[outputIndex].clone());
    }

    double[][] vjp(EvalOptions options, double[][] inputs, double[][] cotangents) {
        if (cotangents == null || cotangents.length != graph.outputCount()) {
            throw new GraphException("vjp needs one cotangent per output (" + graph.outputCount() + "), got "
                    + (cotangents == null ? "null" : cotangents.length));
        }
        Workspace ws = newWorkspace();
        forward(ws, inputs, options);
        backward(ws, cotangents, options);
        double[][] adj = new double[graph.inputCount()][];
        for (int j = 0; j < adj.length; j++) {
            adj[j] = new double[graph.inputShape(j).size()];
            readAdjoint(ws, j, adj[j]);
        }
        return adj;
    }

    // ---------------------------------------------------------------- scalar entry points of Program

    /** Wraps one value per input, for graphs whose inputs are all scalars. */
    double[][] scalarInputs(double[] inputs) {
        if (inputs == null || inputs.length != graph.inputCount()) {
            throw new GraphException("the graph takes " + graph.inputCount() + " inputs " + graph.inputNames() + ", got "
                    + (inputs == null ? "null" : inputs.length + " values")
                    + "; for matrix inputs pass one row-major array per input (new double[][] {...})");
        }
        double[][] in = new double[inputs.length][];
        for (int j = 0; j < inputs.length; j++) {
            if (!graph.inputShape(j).isScalar()) {
                throw new GraphException("input '" + graph.inputName(j) + "' is a " + graph.inputShape(j)
                        + " matrix; pass one row-major array per input (evaluate(new double[][] {...}))");
            }
            in[j] = new double[] {inputs[j]};
        }
        return in;
    }

    double[] evaluateScalars(EvalOptions options, double[] inputs) {
        double[][] out = evaluate(options, scalarInputs(inputs));
        double[] v = new double[out.length];
        for (int j = 0; j < v.length; j++) {
            if (out[j].length != 1) {
                throw new GraphException("output '" + graph.outputName(j) + "' is a " + graph.outputShape(j)
                        + " matrix; evaluate it with one array per input (evaluate(new double[][] {...}))");
            }
            v[j] = out[j][0];
        }
        return v;
    }

    private int scalarOutput(int j) {
        int node = graph.outputNode(j);
        if (!shapes[node].isScalar()) {
            throw new GraphException("output '" + graph.outputName(j) + "' is a " + shapes[node]
                    + " matrix; a gradient needs a scalar output (sum it, or use vjp)");
        }
        return node;
    }

    private void checkInputs(double[][] inputs) {
        if (inputs == null || inputs.length != graph.inputCount()) {
            throw new GraphException("the graph takes " + graph.inputCount() + " inputs " + graph.inputNames()
                    + ", got " + (inputs == null ? "null" : inputs.length + " arrays"));
        }
        for (int j = 0; j < inputs.length; j++) {
            Shape s = graph.inputShape(j);
            if (inputs[j] == null || inputs[j].length != s.size()) {
                throw new GraphException("input '" + graph.inputName(j) + "' has shape " + s + " (" + s.size()
                        + " values), got " + (inputs[j] == null ? "null" : inputs[j].length + " values"));
            }
        }
    }
}
