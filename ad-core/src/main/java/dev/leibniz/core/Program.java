package dev.leibniz.core;

import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.Arrays;

/**
 * A graph compiled for repeated numeric evaluation: the forward pass, the gradient of one
 * output, and vector–Jacobian products, all by the flat {@link Engine} loops. A program is
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
            return tensor.gradient(outputIndex, options, tensor.scalarInputs(inputs)).toGradient();
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
        if (ws == null || ws.adjoints.length != n) {
            throw new GraphException("backward needs a workspace of this program (newWorkspace())");
        }
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

    /**
     * Reusable arrays for {@link #valueAndGradient}: with a workspace per thread, repeated
     * gradients allocate nothing.
     */
    public static final class Workspace {
        final double[] values;
        final double[] adjoints;
        final boolean[] reach;
        final double[] scratch;
        final CompiledGraph.Workspace compiled;
        /** Input-sized copies the compiled reverse sweep works in ({@code backward} with a workspace). */
        final double[] inputCopy;
        final double[] gradientCopy;

        private Workspace(int nodes, int inputs, int maxArity, CompiledGraph.Workspace compiled) {
            inputCopy = new double[inputs];
            gradientCopy = new double[inputs];
            values = new double[nodes];
            adjoints = new double[nodes];
            reach = new boolean[nodes];
            scratch = new double[maxArity];
            this.compiled = compiled;
        }
    }

    /** A workspace sized for this program; not to be shared between threads. */
    public Workspace newWorkspace() {
        return new Workspace(graph.size(), graph.inputCount(), maxArity, compiled == null ? null : compiled.newWorkspace());
    }

    /**
     * Value of output 0 and its gradient written into {@code gradient}, without allocation: the
     * fast path for optimizers and benchmarks. Absent entries (inputs with no path) are 0.
     */
    public double valueAndGradient(Workspace ws, double[] inputs, double[] gradient, EvalOptions options) {
        requireScalarGraph("valueAndGradient(Workspace, …)");
        checkInputs(inputs);
        if (gradient.length != graph.inputCount()) {
            throw new GraphException("gradient array has length " + gradient.length + ", the graph has "
                    + graph.inputCount() + " inputs");
        }
        if (useCompiled(options) && ws.compiled != null) {
            ws.compiled.setPolicy(options.policy());
            return compiled.valueAndGradient(inputs, gradient, ws.compiled);
        }
        Engine.forward(nodes, inputs, ws.values, options, ws.scratch);
        java.util.Arrays.fill(ws.adjoints, 0.0);
        java.util.Arrays.fill(ws.reach, false);
        int out = graph.outputNode(0);
        ws.adjoints[out] = 1.0;
        ws.reach[out] = true;
        Engine.backward(nodes, ws.values, ws.adjoints, ws.reach, options, ws.scratch);
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] = ws.adjoints[graph.inputNode(k)];
        }
        return ws.values[out];
    }

    // ---------------------------------------------------------------- graphs with matrix nodes
    //
    // A graph with any matrix node or matrix primitive is run by TensorEngine; the scalar entry
    // points above still work for it when its inputs and outputs are scalars. The methods below
    // take and return one row-major array per input and output.

    /** The matrix-capable form of this program, or null for a purely scalar graph. */
    private final TensorProgram tensor;

    private void requireScalarGraph(String method) {
        if (tensor != null) {
            throw new GraphException(method + " works on scalar graphs, and this graph has matrix nodes; use "
                    + "evaluateTensors, gradientTensors, vjpTensors or a TensorWorkspace");
        }
    }

    /**
     * The matrix engine's form of this program. A scalar graph used through the methods below is
     * run by a matrix program made for the call: those methods serve matrix graphs, and a scalar
     * graph keeps no second program it would rarely use (nor a lazily filled, synchronized field).
     */
    private TensorProgram tensorProgram() {
        return tensor != null ? tensor : new TensorProgram(graph);
    }

    /** All outputs, one row-major array each, at inputs given as one row-major array each. */
    public double[][] evaluateTensors(double[]... inputs) {
        return evaluateTensors(EvalOptions.DEFAULT, inputs);
    }

    public double[][] evaluateTensors(EvalOptions options, double[]... inputs) {
        return tensorProgram().evaluate(options, inputs);
    }

    /** Value and gradient of the first output (which must be 1×1) with respect to every input. */
    public TensorGradient gradientTensors(double[]... inputs) {
        return gradientTensors(0, EvalOptions.DEFAULT, inputs);
    }

    /** Value and gradient of output {@code outputIndex}; inputs with no path to it are absent. */
    public TensorGradient gradientTensors(int outputIndex, EvalOptions options, double[]... inputs) {
        return tensorProgram().gradient(outputIndex, options, inputs);
    }

    /**
     * Vector–Jacobian product of all outputs: {@code cotangents[j]} has output j's shape; returns
     * one adjoint per input, of that input's shape.
     */
    public double[][] vjpTensors(double[][] inputs, double[][] cotangents) {
        return vjpTensors(EvalOptions.DEFAULT, inputs, cotangents);
    }

    public double[][] vjpTensors(EvalOptions options, double[][] inputs, double[][] cotangents) {
        return tensorProgram().vjp(options, inputs, cotangents);
    }

    /**
     * Reusable buffers for {@link #valueAndGradient(TensorWorkspace, double[][], double[][], EvalOptions)},
     * differentiating the named inputs (every input when none are named). Naming only the
     * parameters spares the reverse pass the gradients of the data.
     */
    public TensorWorkspace newTensorWorkspace(String... wrt) {
        return tensorProgram().newWorkspace(wrt);
    }

    /**
     * Value of output 0 (1×1) and its gradient with respect to the workspace's inputs, written into
     * {@code gradients[j]} (one array per input, of its size; entries for other inputs may be
     * null). Absent gradients are written as zeros. The training loop's fast path.
     */
    public double valueAndGradient(TensorWorkspace ws, double[][] inputs, double[][] gradients, EvalOptions options) {
        checkWorkspace(ws);
        return ws.program.valueAndGradient(ws, inputs, gradients, options);
    }

    /** Evaluates every output into the workspace (read them with {@link TensorWorkspace#output}). */
    public void evaluate(TensorWorkspace ws, double[][] inputs, EvalOptions options) {
        checkWorkspace(ws);
        ws.program.forward(ws, inputs, options);
    }

    private void checkWorkspace(TensorWorkspace ws) {
        if (ws == null || ws.program.graph != graph) {
            throw new GraphException("the workspace was made for another program");
        }
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
