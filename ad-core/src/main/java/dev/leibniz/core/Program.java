package dev.leibniz.core;

import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.Arrays;

/**
 * A graph compiled for repeated numeric evaluation: the forward pass ({@code evaluate}), the
 * gradient of one output ({@code gradient}, a {@link Gradient}), and vector–Jacobian products
 * ({@code vjp}).
 *
 * <p>Each method has two forms over one set of names. The array form takes and returns one
 * row-major array per input and output and works on every graph (a scalar is a 1×1 array). The
 * scalar form takes one {@code double} per input and returns one per output: it is the
 * convenience, and the fast path, for graphs whose inputs and outputs are scalars.
 * <pre>{@code
 * double[] y = p.evaluate(1.0, 2.0);                                 // scalar form
 * double[][] ys = p.evaluate(new double[] {1, 2, 3, 4}, new double[] {5});   // array form: a 2×2 and a scalar input
 * }</pre>
 * A call with a single {@code double[]} argument is the scalar form (Java's overload resolution
 * takes the array as the varargs array): for a graph with one matrix input, pass
 * {@code new double[][] {x}}.
 *
 * <p>Which engine runs is the program's business: a scalar graph runs the flat {@link Engine}
 * loops or generated code ({@link #compile(Graph, ExecutionMode)}), a graph with matrix nodes runs
 * {@link TensorEngine}. The allocation-free forms ({@link #valueAndGradient}) work in a
 * {@link Workspace} made by {@link #newWorkspace(String...)}, one per thread. A program is
 * immutable and may be used from several threads at once: each call works in its own arrays.
 */
public final class Program {
    private final Graph graph;
    private final Engine.Nodes nodes;
    private final int maxArity;
    /** Per output: which input positions have a path to it (static reachability). */
    private final boolean[][] inputReaches;
    /** The compiled sweeps, or null when the program is interpreted. */
    private final CompiledGraph compiled;
    /** The matrix engine's form, which runs a graph with matrix nodes; null for a scalar graph. */
    private final TensorProgram tensor;

    Program(Graph graph) {
        this(graph, null);
    }

    private Program(Graph graph, CompiledGraph compiled) {
        this.graph = graph;
        this.tensor = graph.hasMatrices() ? new TensorProgram(graph) : null;
        this.compiled = compiled;
        this.nodes = Engine.Nodes.of(graph);
        int m = 2;
        for (int i = 0; i < graph.size(); i++) {
            m = Math.max(m, graph.arity(i));
        }
        this.maxArity = m;
        this.inputReaches = new boolean[graph.outputCount()][];
        for (int j = 0; j < graph.outputCount(); j++) {
            boolean[] reach = reachFrom(new int[] {graph.outputNode(j)});
            boolean[] in = new boolean[graph.inputCount()];
            for (int k = 0; k < in.length; k++) {
                in[k] = reach[graph.inputNode(k)];
            }
            inputReaches[j] = in;
        }
    }

    public Graph graph() {
        return graph;
    }

    /** All outputs at the given inputs (one value per input, in the graph's input order). */
    public double[] evaluate(double... inputs) {
        return evaluate(EvalOptions.DEFAULT, inputs);
    }

    public double[] evaluate(EvalOptions options, double... inputs) {
        if (tensor != null) {
            return tensor.evaluateScalars(options, inputs);
        }
        double[] v = forward(options, inputs);
        double[] out = new double[graph.outputCount()];
        for (int j = 0; j < out.length; j++) {
            out[j] = v[graph.outputNode(j)];
        }
        return out;
    }

    /** Every node's value at the given inputs. */
    public double[] forward(EvalOptions options, double... inputs) {
        checkOptions(options);
        checkInputs(inputs);
        requireScalarGraph("forward");
        double[] v = new double[graph.size()];
        if (useCompiled(options)) {
            compiled.forward(inputs, v, options.policy());
        } else {
            Engine.forward(nodes, inputs, v, options, new double[maxArity]);
        }
        return v;
    }

    /** Value and gradient of the first output with respect to every input. */
    public Gradient gradient(double... inputs) {
        return gradient(0, EvalOptions.DEFAULT, inputs);
    }

    /** Value and gradient of output {@code outputIndex}; inputs with no path to it are absent. */
    public Gradient gradient(int outputIndex, EvalOptions options, double... inputs) {
        checkOutput(outputIndex);
        if (tensor != null) {
            return tensor.gradient(outputIndex, options, tensor.scalarInputs(inputs));
        }
        double[] v = forward(options, inputs);
        double[] seed = new double[graph.outputCount()];
        seed[outputIndex] = 1.0;
        double[] adj = backward(v, seed, options);
        String[] names = graph.inputNames().toArray(new String[0]);
        return new Gradient(v[graph.outputNode(outputIndex)], names, adj, inputReaches[outputIndex].clone());
    }

    /**
     * Vector–Jacobian product uᵀJ of all outputs at {@code inputs}, in one backward sweep.
     *
     * @param cotangents one weight per output
     * @return one adjoint per input
     */
    public double[] vjp(double[] inputs, double[] cotangents) {
        return vjp(EvalOptions.DEFAULT, inputs, cotangents);
    }

    public double[] vjp(EvalOptions options, double[] inputs, double[] cotangents) {
        if (cotangents == null || cotangents.length != graph.outputCount()) {
            throw new GraphException("vjp needs one cotangent per output (" + graph.outputCount() + "), got "
                    + (cotangents == null ? "null" : cotangents.length));
        }
        return backward(forward(options, inputs), cotangents, options);
    }

    /** Backward sweep from given node values and output cotangents; returns input adjoints. */
    public double[] backward(double[] values, double[] cotangents, EvalOptions options) {
        checkOptions(options);
        int n = graph.size();
        if (values == null || values.length != n) {
            throw new GraphException("backward needs the node values of a forward pass (" + n + "), got "
                    + (values == null ? "null" : values.length));
        }
        if (cotangents == null || cotangents.length != graph.outputCount()) {
            throw new GraphException("backward needs one cotangent per output (" + graph.outputCount() + "), got "
                    + (cotangents == null ? "null" : cotangents.length));
        }
        double[] g = new double[n];
        boolean[] reach = new boolean[n];
        requireScalarGraph("backward");
        for (int j = 0; j < cotangents.length; j++) {
            g[graph.outputNode(j)] += cotangents[j];
            reach[graph.outputNode(j)] = true;
        }
        if (useCompiled(options)) {
            compiled.backward(values, g, options.policy());
        } else {
            Engine.backward(nodes, values, g, reach, options, new double[maxArity]);
        }
        double[] adj = new double[graph.inputCount()];
        for (int k = 0; k < adj.length; k++) {
            adj[k] = g[graph.inputNode(k)];
        }
        return adj;
    }

    /**
     * {@link #backward(double[], double[], EvalOptions)} into {@code adjoints} (one per input),
     * with the node-sized arrays taken from {@code ws}: a caller sweeping many cotangents (a
     * Jacobian by rows, m sweeps) allocates nothing per sweep, where the allocating form takes
     * about 9 bytes per node per sweep.
     */
    public void backward(double[] values, double[] cotangents, EvalOptions options, Workspace ws, double[] adjoints) {
        checkOptions(options);
        int n = graph.size();
        if (values == null || values.length != n) {
            throw new GraphException("backward needs the node values of a forward pass (" + n + "), got "
                    + (values == null ? "null" : values.length));
        }
        if (cotangents == null || cotangents.length != graph.outputCount()) {
            throw new GraphException("backward needs one cotangent per output (" + graph.outputCount() + "), got "
                    + (cotangents == null ? "null" : cotangents.length));
        }
        checkWorkspace(ws);
        if (adjoints == null || adjoints.length != graph.inputCount()) {
            throw new GraphException("adjoint array has length " + (adjoints == null ? "null" : adjoints.length)
                    + ", the graph has " + graph.inputCount() + " inputs");
        }
        requireScalarGraph("backward");
        double[] g = ws.adjoints;
        boolean[] reach = ws.reach;
        Arrays.fill(g, 0.0);
        Arrays.fill(reach, false);
        for (int j = 0; j < cotangents.length; j++) {
            g[graph.outputNode(j)] += cotangents[j];
            reach[graph.outputNode(j)] = true;
        }
        if (useCompiled(options)) {
            compiled.backward(values, g, options.policy(), ws.inputCopy, ws.gradientCopy);
        } else {
            Engine.backward(nodes, values, g, reach, options, ws.scratch);
        }
        for (int k = 0; k < adjoints.length; k++) {
            adjoints[k] = g[graph.inputNode(k)];
        }
    }

    private boolean[] reachFrom(int[] seeds) {
        boolean[] reach = new boolean[graph.size()];
        for (int s : seeds) {
            reach[s] = true;
        }
        for (int i = graph.size() - 1; i >= 0; i--) {
            if (reach[i]) {
                for (int k = 0, n = graph.arity(i); k < n; k++) {
                    reach[graph.arg(i, k)] = true;
                }
            }
        }
        return reach;
    }

    private void checkInputs(double[] inputs) {
        if (inputs == null || inputs.length != graph.inputCount()) {
            throw new GraphException("the graph takes " + graph.inputCount() + " input" + (graph.inputCount() == 1 ? "" : "s")
                    + " " + graph.inputNames() + ", got " + (inputs == null ? "null" : inputs.length + " value"
                    + (inputs.length == 1 ? "" : "s") + " " + Arrays.toString(inputs)));
        }
    }

    /** For the node-level sweeps ({@link #forward}, {@link #backward}), which index one value per node. */
    private void requireScalarGraph(String method) {
        if (tensor != null) {
            throw new GraphException(method + " works on scalar graphs (one value per node), and this graph has"
                    + " matrix nodes; use evaluate, gradient or vjp with one array per input, or a Workspace");
        }
    }

    private static void checkOptions(EvalOptions options) {
        if (options == null) {
            throw new LeibnizException("evaluation options must not be null");
        }
    }

    private void checkOutput(int j) {
        if (j < 0 || j >= graph.outputCount()) {
            throw new GraphException("output index " + j + " is out of range; the graph has outputs " + graph.outputNames());
        }
    }

    // ---------------------------------------------------------------- workspaces

    /**
     * A workspace sized for this program, differentiating the named inputs (every input when
     * none are named): naming only the parameters spares the reverse pass of a matrix graph the
     * gradients of the data. Not to be shared between threads.
     */
    public Workspace newWorkspace(String... wrt) {
        if (tensor != null) {
            return tensor.newWorkspace(wrt);
        }
        return new Workspace(graph, TensorProgram.wrtFlags(graph, wrt), maxArity,
                compiled == null ? null : compiled.newWorkspace());
    }

    /**
     * Value of output 0 and its gradient written into {@code gradient} (one entry per input),
     * without allocation: the fast path for optimizers and benchmarks. Absent entries (inputs with
     * no path) are 0. Every input must be a scalar (a graph with matrix inputs takes the
     * array-per-input form below).
     */
    public double valueAndGradient(Workspace ws, double[] inputs, double[] gradient, EvalOptions options) {
        checkWorkspace(ws);
        if (ws.isTensor()) {
            double[][] g = scalarGradients(gradient);
            double value = valueAndGradient(ws, tensor.scalarInputs(inputs), g, options);
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] = g[k][0];
            }
            return value;
        }
        checkInputs(inputs);
        checkGradientArray(gradient);
        if (useCompiled(options) && ws.compiled != null) {
            ws.compiled.setPolicy(options.policy());
            return compiled.valueAndGradient(inputs, gradient, ws.compiled);
        }
        Engine.forward(nodes, inputs, ws.values, options, ws.scratch);
        Arrays.fill(ws.adjoints, 0.0);
        Arrays.fill(ws.reach, false);
        int out = graph.outputNode(0);
        ws.adjoints[out] = 1.0;
        ws.reach[out] = true;
        Engine.backward(nodes, ws.values, ws.adjoints, ws.reach, options, ws.scratch);
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] = ws.adjoints[graph.inputNode(k)];
        }
        return ws.values[out];
    }

    /**
     * Value of output 0 (1×1) and its gradient with respect to the workspace's inputs, written
     * into {@code gradients[j]} (one row-major array per input, of its size; entries for inputs
     * the workspace does not differentiate may be null and are left alone). Absent gradients are
     * written as zeros. The training loop's fast path.
     */
    public double valueAndGradient(Workspace ws, double[][] inputs, double[][] gradients, EvalOptions options) {
        checkWorkspace(ws);
        if (ws.isTensor()) {
            return ws.program.valueAndGradient(ws, inputs, gradients, options);
        }
        // a scalar graph: every array holds one value, run by the scalar engine in the workspace's copies
        unwrapScalars(inputs, ws.inputCopy);
        if (gradients == null || gradients.length != graph.inputCount()) {
            throw new GraphException("gradients need one array per input (" + graph.inputCount() + "), got "
                    + (gradients == null ? "null" : gradients.length));
        }
        double value = valueAndGradient(ws, ws.inputCopy, ws.gradientCopy, options);
        for (int j = 0; j < gradients.length; j++) {
            if (!ws.wrt[j] || gradients[j] == null) {
                continue;
            }
            if (gradients[j].length != 1) {
                throw new GraphException("gradient array of input '" + graph.inputName(j) + "' has length "
                        + gradients[j].length + ", the input is a scalar");
            }
            gradients[j][0] = ws.gradientCopy[j];
        }
        return value;
    }

    /** Evaluates every node into the workspace (read the outputs with {@link Workspace#output}). */
    public void evaluate(Workspace ws, double[][] inputs, EvalOptions options) {
        checkWorkspace(ws);
        checkOptions(options);
        if (ws.isTensor()) {
            ws.program.forward(ws, inputs, options);
            return;
        }
        unwrapScalars(inputs, ws.inputCopy);
        if (useCompiled(options)) {
            compiled.forward(ws.inputCopy, ws.values, options.policy());
        } else {
            Engine.forward(nodes, ws.inputCopy, ws.values, options, ws.scratch);
        }
    }

    private void checkWorkspace(Workspace ws) {
        if (ws == null || ws.graph != graph) {
            throw new GraphException("the workspace was made for another program (use this program's newWorkspace())");
        }
    }

    private void checkGradientArray(double[] gradient) {
        if (gradient == null || gradient.length != graph.inputCount()) {
            throw new GraphException("gradient array has length " + (gradient == null ? "null" : gradient.length)
                    + ", the graph has " + graph.inputCount() + " inputs");
        }
    }

    /** One single-element array per input, for the array form's gradients of a scalar-input call. */
    private double[][] scalarGradients(double[] gradient) {
        checkGradientArray(gradient);
        double[][] g = new double[gradient.length][];
        for (int j = 0; j < g.length; j++) {
            g[j] = new double[1];
        }
        return g;
    }

    /** Copies one-element arrays (a scalar graph's inputs in the array form) into {@code into}. */
    private void unwrapScalars(double[][] inputs, double[] into) {
        if (inputs == null || inputs.length != graph.inputCount()) {
            throw new GraphException("the graph takes " + graph.inputCount() + " inputs " + graph.inputNames()
                    + ", got " + (inputs == null ? "null" : inputs.length + " arrays"));
        }
        for (int j = 0; j < inputs.length; j++) {
            if (inputs[j] == null || inputs[j].length != 1) {
                throw new GraphException("input '" + graph.inputName(j) + "' has shape 1×1 (1 value), got "
                        + (inputs[j] == null ? "null" : inputs[j].length + " values"));
            }
            into[j] = inputs[j][0];
        }
    }

    // ---------------------------------------------------------------- one array per input
    //
    // The same evaluations for inputs and outputs of any shape: one row-major array per input and
    // output, a scalar being a 1×1 array. These run the matrix engine (TensorEngine) on every graph,
    // a scalar graph's nodes as 1×1 blocks, which the primitive contract test holds to bitwise
    // agreement with the scalar engine.

    /**
     * The matrix engine's form of this program. A scalar graph used through the methods below is
     * run by a matrix program made for the call: a scalar graph keeps no second program it would
     * rarely use (nor a lazily filled, synchronized field).
     */
    private TensorProgram tensorProgram() {
        return tensor != null ? tensor : new TensorProgram(graph);
    }

    /** All outputs, one row-major array each, at inputs given as one row-major array each. */
    public double[][] evaluate(double[]... inputs) {
        return evaluate(EvalOptions.DEFAULT, inputs);
    }

    public double[][] evaluate(EvalOptions options, double[]... inputs) {
        checkOptions(options);
        return tensorProgram().evaluate(options, inputs);
    }

    /** Value and gradient of the first output (which must be 1×1) with respect to every input. */
    public Gradient gradient(double[]... inputs) {
        return gradient(0, EvalOptions.DEFAULT, inputs);
    }

    /** Value and gradient of output {@code outputIndex} (1×1); inputs with no path to it are absent. */
    public Gradient gradient(int outputIndex, EvalOptions options, double[]... inputs) {
        checkOptions(options);
        return tensorProgram().gradient(outputIndex, options, inputs);
    }

    /**
     * Vector–Jacobian product of all outputs: {@code cotangents[j]} has output j's shape; returns
     * one adjoint per input, of that input's shape.
     */
    public double[][] vjp(double[][] inputs, double[][] cotangents) {
        return vjp(EvalOptions.DEFAULT, inputs, cotangents);
    }

    public double[][] vjp(EvalOptions options, double[][] inputs, double[][] cotangents) {
        checkOptions(options);
        return tensorProgram().vjp(options, inputs, cotangents);
    }

    // ---------------------------------------------------------------- compiled execution

    /**
     * Compiles {@code graph} for the given execution mode. {@link Graph#compile()} is the
     * interpreted program; this is the way to ask for generated code ({@link ExecutionMode}).
     */
    public static Program compile(Graph graph, ExecutionMode mode) {
        if (graph == null) {
            throw new GraphException("the graph to compile must not be null");
        }
        if (mode == null) {
            throw new LeibnizException("execution mode must not be null");
        }
        if (mode == ExecutionMode.COMPILED) {
            // matrix products already run on EJML kernels: such graphs are interpreted
            graph.requireScalar("compiled execution (ExecutionMode.COMPILED; use INTERPRETED or AUTOMATIC for matrix"
                    + " graphs)");
        }
        CompiledGraph code = graph.hasMatrices() ? null : switch (mode) {
            case INTERPRETED -> null;
            case COMPILED -> GraphCompiler.compile(graph);
            case AUTOMATIC -> GraphCompiler.isWorthCompiling(graph) ? GraphCompiler.compile(graph) : null;
        };
        return new Program(graph, code);
    }

    /** {@link ExecutionMode#COMPILED} when the program runs generated code, else {@link ExecutionMode#INTERPRETED}. */
    public ExecutionMode executionMode() {
        return compiled == null ? ExecutionMode.INTERPRETED : ExecutionMode.COMPILED;
    }

    /** Compiled code when there is some; anomaly detection always runs the interpreter. */
    private boolean useCompiled(EvalOptions options) {
        return compiled != null && !options.detectAnomalies();
    }
}
