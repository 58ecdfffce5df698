package dev.leibniz.core;

import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorConstant;
import dev.leibniz.core.prim.TensorPrimitive;
import dev.leibniz.core.prim.UnaryPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only list of nodes, stored as a tape of primitive arrays ({@link TapeArrays}: the
 * general layout, and the compact one recordings use). In <em>tracing</em> mode (static,
 * define-then-run) the nodes are symbolic; in <em>recording</em> mode (dynamic, define-by-run)
 * every node is evaluated as it is appended and its value kept beside it, so ordinary Java control
 * flow decides what is recorded.
 *
 * <p>Matrices (vectorized code): a whole-array operation is one tape entry, its shape checked when
 * it is appended (a {@link ShapeException} naming the primitive and the shapes) and its value a flat
 * {@code double[]} in the {@link ShapeTable}, reused by the next recording of that node when the
 * size repeats; {@link Recorder} sweeps such a tape with {@link TensorTapeSweep}.
 *
 * <p>The backward sweep evaluates each local partial from the recorded values, by the
 * declarations; storing the partials at record time instead (Adept's layout) was measured slower
 * here, see docs/benchmarks.md, issue 14.
 */
public final class GraphBuilder extends TapeArrays {
    private final Subgradients policy;

    /** Node of each input, by input position (an int array: no boxing per declared parameter). */
    private int[] inputNodes = new int[16];
    /** The declared input names in order, with their duplicate check (reused across recordings, see NameTable). */
    private final NameTable inputNameSet = new NameTable();
    private final double[] scratch = new double[8];

    private GraphBuilder(boolean recording, Subgradients policy) {
        super(recording, policy);
        this.policy = policy;
    }

    /** A builder for a static graph: variables are symbolic and asking for a value is an error. */
    public static GraphBuilder tracing() {
        return new GraphBuilder(false, Subgradients.DEFAULT);
    }

    /** A builder that evaluates every node as it is appended (dynamic, define-by-run). */
    public static GraphBuilder recording(Subgradients policy) {
        if (policy == null) {
            throw new GraphException("the subgradient policy of a recording must not be null");
        }
        return new GraphBuilder(true, policy);
    }

    public boolean isRecording() {
        return recording;
    }

    public Subgradients policy() {
        return policy;
    }

    /** Number of nodes appended so far. */
    public int size() {
        return size;
    }

    /** Declares a named input of a static graph. */
    public Var input(String name) {
        if (recording) {
            throw new GraphException("input '" + name + "' needs a value when recording; use input(name, value)");
        }
        return addInput(name, 0.0);
    }

    /** Declares a named input with its value (recording mode). */
    public Var input(String name, double value) {
        if (!recording) {
            throw new GraphException("a traced input has no value; use input(name)");
        }
        return addInput(name, value);
    }

    private Var addInput(String name, double value) {
        if (name == null || name.isBlank()) {
            throw new GraphException("input name must not be empty");
        }
        if (!inputNameSet.add(name)) {
            throw declaredTwice(name);
        }
        int index = inputNameSet.size() - 1;
        int id = compact ? leaf(Leaves.INPUT.code()) : append(Leaves.INPUT.code(), 0, index);
        if (index == inputNodes.length) {
            inputNodes = java.util.Arrays.copyOf(inputNodes, 2 * index);
        }
        inputNodes[index] = id;
        if (recording) {
            values[id] = value;
        }
        return new Var(this, id);
    }

    /** The error of a name declared twice (built apart, so that declaring a parameter stays small enough to inline). */
    private static GraphException declaredTwice(String name) {
        return new GraphException("input '" + name + "' is declared twice");
    }

    /** A constant node. */
    public Var constant(double value) {
        int id = compact ? leaf(Leaves.CONSTANT.code()) : append(Leaves.CONSTANT.code(), 0, value);
        if (recording) {
            values[id] = value;
        }
        return new Var(this, id);
    }

    /** Appends {@code p(args)} (a primitive without parameter). */
    public Var apply(Primitive p, Var... args) {
        return apply(p, 0.0, args);
    }

    /** Appends {@code p(args; param)}. */
    public Var apply(Primitive p, double param, Var... args) {
        if (p == null) {
            throw new GraphException("primitive must not be null");
        }
        if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
            throw new GraphException("use input(...) or constant(...) to create a '" + p.name() + "' node");
        }
        if (args == null) {
            throw new GraphException("the arguments of '" + p.name() + "' are null");
        }
        p.checkArity(args.length);
        p.checkParam(param, args.length);
        int[] ids = new int[args.length];
        for (int k = 0; k < args.length; k++) {
            ids[k] = own(args[k], p, k);
        }
        return new Var(this, applyIds(p, param, ids, args.length));
    }

    /**
     * Unary operation of a {@link Var} method. The recording fast path is kept this small on
     * purpose: HotSpot inlines a callee only while its compiled code is small, and only once it
     * is inlined into the {@code Var} method, where {@code p} is a constant, does {@code p.apply}
     * become a direct call to the declaration; compiled on its own it is a megamorphic call over
     * every primitive (measured: this was most of the recording's cost, issue 14). Checks,
     * tracing and matrices take {@link #apply1Slow}.
     */
    Var apply1(UnaryPrimitive p, double param, Var a) {
        if (a != null && a.graph == this && fast) {
            int ia = a.id;
            return new Var(this, tape1(p.code(), p.hasParam(), param, ia, p.apply(values[ia], param, policy)));
        }
        return apply1Slow(p, param, a);
    }

    private Var apply1Slow(UnaryPrimitive p, double param, Var a) {
        int ia = own(a, p, 0);
        if (shapes.active() || compact) {
            return new Var(this, applyIds(p, param, new int[] {ia}, 1));
        }
        if (!recording) {
            int id = appendNode(p, param, 1);
            argPool[argStart[id]] = ia;
            return new Var(this, id);
        }
        return new Var(this, record1(p.code(), p.hasParam(), param, ia, p.apply(values[ia], param, policy)));
    }

    /** Binary operation of a {@link Var} method; see {@link #apply1} for why the fast path is small. */
    Var apply2(BinaryPrimitive p, Var a, Var b) {
        if (a != null && b != null && a.graph == this && b.graph == this && fast) {
            int ia = a.id;
            int ib = b.id;
            return new Var(this, tape2(p.code(), ia, ib, p.apply(values[ia], values[ib], policy)));
        }
        return apply2Slow(p, a, b);
    }

    private Var apply2Slow(BinaryPrimitive p, Var a, Var b) {
        int ia = own(a, p, 0);
        int ib = own(b, p, 1);
        if (shapes.active() || compact) {
            return new Var(this, applyIds(p, 0.0, new int[] {ia, ib}, 2));
        }
        if (!recording) {
            int id = appendNode(p, 0.0, 2);
            argPool[argStart[id]] = ia;
            argPool[argStart[id] + 1] = ib;
            return new Var(this, id);
        }
        return new Var(this, record2(p.code(), ia, ib, p.apply(values[ia], values[ib], policy)));
    }


    /** Appends a node whose arguments are given by node index (used by graph transformations). */
    public int applyIds(Primitive p, double param, int[] ids, int n) {
        if (p == null) {
            throw new GraphException("primitive must not be null");
        }
        p.checkArity(n);
        if (ids == null || ids.length < n) {
            throw new GraphException("'" + p.name() + "' is given " + n + " arguments but "
                    + (ids == null ? "no node ids (null)" : "only " + ids.length + " node ids"));
        }
        p.checkParam(param, n);
        for (int k = 0; k < n; k++) {
            if (ids[k] < 0 || ids[k] >= size) {
                throw new GraphException("argument " + k + " of '" + p.name() + "' refers to node %" + ids[k]
                        + ", which does not exist yet");
            }
        }
        if (p == TensorConstant.MATRIX) {
            throw new GraphException("a matrix constant needs its values: use constant(values, shape) or copyNode");
        }
        if (compact && (shapes.active() || p instanceof TensorPrimitive)) {
            // one compact entry for the whole operation; its value goes to the shape table
            Shape shape = shapes.infer(p, param, ids, n);     // a ShapeException before anything is appended
            int id = tapeN(p, param, ids, n, 0.0);
            setShape(id, shape);
            shapes.record(id, p, param, ids, n, values);
            return id;
        }
        if (compact) {
            double[] x = n <= scratch.length ? scratch : new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = values[ids[k]];
            }
            return tapeN(p, param, ids, n, p.apply(x, n, param, policy));
        }
        Shape shape = shapes.active() || p instanceof TensorPrimitive ? shapes.infer(p, param, ids, n) : null;
        int id = appendNode(p, param, n);
        System.arraycopy(ids, 0, argPool, argStart[id], n);
        if (shape != null) {
            setShape(id, shape);
        }
        if (recording && shape != null) {
            shapes.record(id, p, param, ids, n, values);
        } else if (recording) {
            double[] x = n <= scratch.length ? scratch : new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = values[ids[k]];
            }
            values[id] = p.apply(x, n, param, policy);
        }
        return id;
    }

    private int own(Var v, Primitive p, int k) {
        if (v == null) {
            throw new GraphException("argument " + k + " of '" + p.name() + "' is null");
        }
        if (v.graph != this) {
            throw new GraphException("argument " + k + " of '" + p.name() + "' belongs to another graph");
        }
        return v.id;
    }


    /** The recorded value of a node; only in recording mode. */
    double valueOf(Var v) {
        if (!recording) {
            throw new TracedValueException("node %" + v.id + " (" + Primitives.byCode(op[v.id]).name()
                    + ") is being traced into a static graph and has no value yet; a Java 'if' on it "
                    + "would bake one branch into the graph. Write the branch with Var.select(condition, "
                    + "ifTrue, ifFalse), or record dynamically with a Recorder.");
        }
        if (!shapes.isScalar(v.id)) {
            throw new GraphException("node %" + v.id + " (" + Primitives.byCode(op[v.id]).name() + ") is a "
                    + shapeOf(v.id) + " matrix; read its elements with values()");
        }
        return values[v.id];
    }

    /** The variable of an existing node of this builder (used by graph transformations). */
    public Var variable(int id) {
        if (id < 0 || id >= size) {
            throw new GraphException("node %" + id + " does not exist (the graph has " + size + " nodes)");
        }
        return new Var(this, id);
    }

    /** True when the variable is a constant node equal to {@code value}. */
    boolean isConstant(Var v, double value) {
        if (compact) {
            return ops8[v.id] == (byte) Leaves.CONSTANT.code() && values[v.id] == value;
        }
        return op[v.id] == Leaves.CONSTANT.code() && constPool[argPool[argStart[v.id]]] == value;
    }

    /** Forgets every node (keeping the arrays), so a recorder can be reused without allocating. */
    void clear() {
        size = 0;
        constCount = 0;
        argStart[0] = 0;
        slotEnd = 0;
        if (recording && CODES_FIT_A_BYTE && !compact) {
            compact = true;
            if (ops8 == null || ops8.length < values.length) {
                ops8 = new byte[values.length];
            }
        }
        fast = compact;
        inputNameSet.clear();
        shapes.clear();
    }

    List<String> inputNames() {
        return java.util.Arrays.asList(inputNameSet.toArray());
    }

    /** Number of inputs declared. */
    int inputCount() {
        return inputNameSet.size();
    }

    /** The node of input {@code k}. */
    int inputNode(int k) {
        return inputNodes[k];
    }

    /** Bytes held per node by the tape arrays in use (op code, argument offset, arguments, constants, values). */
    long tapeBytes() {
        if (compact) {       // op code, value, slots, parameters, and the node of each input
            return 9L * size + 4L * slotEnd + 8L * constCount + 4L * inputNameSet.size();
        }
        long bytes = 4L * size + 4L * size + 4L * argStart[size] + 8L * constCount;
        return recording ? bytes + 8L * size : bytes;
    }

    /** Builds the immutable graph with one output. */
    public Graph build(String outputName, Var output) {
        Map<String, Var> m = new LinkedHashMap<>();
        m.put(outputName, output);
        return build(m);
    }

    /** Builds the immutable graph with the given named outputs, in order. */
    public Graph build(Map<String, Var> outputs) {
        if (outputs == null) {
            throw new GraphException("the outputs of a graph must not be null");
        }
        if (outputs.isEmpty()) {
            throw new GraphException("a graph needs at least one output");
        }
        String[] names = new String[outputs.size()];
        int[] nodes = new int[outputs.size()];
        int j = 0;
        for (Map.Entry<String, Var> e : outputs.entrySet()) {
            names[j] = e.getKey();
            Var v = e.getValue();
            if (v == null || v.graph != this) {
                throw new GraphException("output '" + e.getKey() + "' is " + (v == null ? "null" : "a variable of another graph"));
            }
            nodes[j] = v.id;
            j++;
        }
        return build(names, nodes);
    }

    /** Builds the immutable graph with outputs given by node index. */
    public Graph build(String[] outputNames, int[] outputNodes) {
        if (outputNames == null || outputNodes == null) {
            throw new GraphException("output names and output nodes must not be null");
        }
        if (outputNames.length != outputNodes.length) {
            throw new GraphException(outputNames.length + " output names for " + outputNodes.length + " output nodes");
        }
        expand();
        int[] in = java.util.Arrays.copyOf(inputNodes, inputCount());
        return new Graph(java.util.Arrays.copyOf(op, size), java.util.Arrays.copyOf(argStart, size + 1),
                java.util.Arrays.copyOf(argPool, argStart[size]), java.util.Arrays.copyOf(constPool, constCount),
                inputNameSet.toArray(), in, outputNames.clone(), outputNodes.clone(),
                shapes.active() ? shapes.dimensions(size, false) : null,
                shapes.active() ? shapes.dimensions(size, true) : null);
    }

    // ---------------------------------------------------------------- matrix-valued nodes
    //
    // Shapes and matrix values live in a side table (ShapeTable) that stays empty while every
    // node is scalar, so scalar tapes keep their size and their fast paths.

    /** True once any node is not 1×1 (then every operation goes through the shape-checked path). */
    public boolean hasMatrices() {
        return shapes.active();
    }

    /** Declares a named input of the given shape (static graph). */
    public Var input(String name, Shape shape) {
        if (shape == null) {
            throw new GraphException("input '" + name + "' needs a shape");
        }
        Var v = input(name);
        setShape(v.id, shape);
        return v;
    }

    /** Declares a named input of the given shape with its row-major values (recording mode). */
    public Var input(String name, double[] values, Shape shape) {
        ShapeTable.checkValues("input '" + name + "'", values, shape);
        if (shape.isScalar()) {
            return input(name, values[0]);
        }
        Var v = input(name, 0.0);
        setShape(v.id, shape);
        System.arraycopy(values, 0, shapes.buffer(v.id, values.length), 0, values.length);
        return v;
    }

    /**
     * A constant matrix of the given shape with row-major values. A 1×1 matrix is an ordinary
     * scalar constant; a larger one is a {@link TensorConstant} node holding its values in the
     * constant pool.
     */
    public Var constant(double[] values, Shape shape) {
        ShapeTable.checkValues("constant", values, shape);
        if (shape.isScalar()) {
            return constant(values[0]);
        }
        if (compact) {       // a leaf of the compact tape; its values in the shape table
            int id = leaf(TensorConstant.MATRIX.code());
            setShape(id, shape);
            System.arraycopy(values, 0, shapes.buffer(id, values.length), 0, values.length);
            return new Var(this, id);
        }
        int id = reserve(TensorConstant.MATRIX.code(), 1);
        argPool[argStart[id]] = addConst(TensorConstant.hash(shape.rows(), shape.cols(), values));
        for (double v : values) {
            addConst(v);
        }
        setShape(id, shape);
        if (recording) {
            System.arraycopy(values, 0, shapes.buffer(id, values.length), 0, values.length);
        }
        return new Var(this, id);
    }

    /**
     * Appends a copy of node {@code node} of graph {@code g} with arguments {@code argIds}
     * (already in this builder): the one call a graph transformation needs to carry every kind of
     * node, including matrix constants and their shapes. Inputs are declared with
     * {@link #input(String, Shape)} instead.
     */
    public int copyNode(Graph g, int node, int[] argIds) {
        Primitive p = g.primitive(node);
        if (p.kind() == Primitive.Kind.INPUT) {
            throw new GraphException("declare input '" + g.inputName((int) g.param(node)) + "' with input(name, shape)");
        }
        if (p.kind() == Primitive.Kind.CONSTANT) {
            return constant(g.param(node)).id;
        }
        if (p == TensorConstant.MATRIX) {
            return constant(g.constantValues(node), g.shape(node)).id;
        }
        return applyIds(p, g.param(node), argIds, g.arity(node));
    }

    /**
     * Appends a copy of node {@code node} of {@code g} whose arguments are mapped through
     * {@code copies} ({@code copies[a]} is this builder's copy of g's node a): the step every
     * transformation that rebuilds a graph node by node takes for each node that is not an input
     * (reverse mode's replay, forward mode's primal, the lanes' JVP graph).
     */
    public Var replay(Graph g, int node, Var[] copies) {
        int n = g.arity(node);
        int[] ids = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = copies[g.arg(node, k)].node();
        }
        return variable(copyNode(g, node, ids));
    }

    /** The shape of a node of this builder. */
    public Shape shapeOf(int id) {
        return shapes.shapeOf(id);
    }

    /** A copy of a recorded node's row-major values (one element for a scalar). */
    double[] valuesOf(Var v) {
        if (!recording) {
            valueOf(v); // throws the explanation of traced values
        }
        double[] t = shapes.tensorValue(v.id);
        return t != null ? t.clone() : new double[] {values[v.id]};
    }

    /** The array and offset holding a recorded node's value. */
    double[] dataOf(int id) {
        return shapes.dataOf(id, values);
    }

    int offsetOf(int id) {
        return shapes.offsetOf(id);
    }

    private void setShape(int id, Shape shape) {
        shapes.set(id, shape, capacity());
        if (!shape.isScalar()) {
            fast = false;
        }
    }

    /**
     * True when {@code v} is a constant node of this builder equal to {@code value}. Graph
     * transformations outside this package (forward mode) use it to skip multiplying by ±1.
     */
    public boolean isConstantNode(Var v, double value) {
        return v != null && v.graph == this && isConstant(v, value);
    }
}
