package dev.leibniz.core;

import dev.leibniz.core.compile.TapeSweep;
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
 * An append-only list of nodes, stored as a tape of primitive arrays. In <em>tracing</em> mode
 * (static, define-then-run) the nodes are symbolic; in <em>recording</em> mode (dynamic,
 * define-by-run) every node is evaluated as it is appended and its value kept beside it, so
 * ordinary Java control flow decides what is recorded.
 *
 * <p>Two layouts. The general one (graphs, tracing, recordings with matrices): per node an int op
 * code and an offset into a shared argument pool, inputs and constants holding a constant-pool
 * slot; 24 bytes for a recorded binary operation. The compact one (recordings while every node is
 * a scalar, described in {@link TapeSweep}): a one-byte op code whose primitive implies how many
 * slots follow, no argument offset, no slot for inputs and constants; 17 bytes for a binary
 * operation, 13 for a unary one (issue 14: ≤ 16 per operation on the Rosenbrock workload). A
 * recording is converted once to the general layout when it meets a matrix, is built into a
 * {@link Graph}, or is swept with anomaly detection ({@link #expand()}).
 *
 * <p>The backward sweep evaluates each local partial from the recorded values, by the
 * declarations; storing the partials at record time instead (Adept's layout) was measured slower
 * here, see docs/benchmarks.md, issue 14.
 */
public final class GraphBuilder {
    private final boolean recording;
    private final Subgradients policy;

    int size;
    int[] op = new int[64];
    int[] argStart = new int[65];
    int[] argPool = new int[128];
    double[] constPool = new double[16];
    int constCount;
    double[] values;

    /**
     * True while a recording holds only scalars: nodes are then kept in the compact layout of
     * {@link TapeSweep} (a one-byte op code per node in {@link #ops8}, slots in {@link #argPool} up to
     * {@link #slotEnd}, no argument offsets, no slot for inputs and constants). The first matrix, a
     * {@link #build}, or anomaly detection converts it once to the general layout ({@link #expand()}).
     */
    boolean compact;
    /**
     * True while the recording is compact and every node so far is a scalar: the test of the
     * {@link #apply1}/{@link #apply2} fast path. A matrix keeps the tape compact (one entry per
     * matrix operation, its value in the shape table) but sends every later operation through
     * {@link #applyIds}, which infers and checks shapes.
     */
    private boolean fast;
    byte[] ops8;
    int slotEnd;
    /** Every op code fits a byte (else recordings use the general layout). */
    private static final boolean CODES_FIT_A_BYTE = Primitives.all().size() <= 256;

    /** Node of each input, by input position (an int array: no boxing per declared parameter). */
    private int[] inputNodes = new int[16];
    /** The declared input names in order, with their duplicate check (reused across recordings, see NameTable). */
    private final NameTable inputNameSet = new NameTable();
    private final double[] scratch = new double[8];
    /** Shapes and matrix values; empty while every node is scalar. */
    final ShapeTable shapes;

    private GraphBuilder(boolean recording, Subgradients policy) {
        this.recording = recording;
        this.policy = policy;
        this.values = recording ? new double[64] : null;
        this.compact = recording && CODES_FIT_A_BYTE;
        this.fast = compact;
        this.ops8 = compact ? new byte[64] : null;
        this.shapes = new ShapeTable(recording, policy);
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

    /** Appends a unary node with its value to the compact tape. */
    private int tape1(int code, boolean hasParam, double param, int ia, double y) {
        int id = size;
        int s = slotEnd;
        if (id == ops8.length || s + 2 > argPool.length) {
            growCompact(2);
        }
        ops8[id] = (byte) code;
        argPool[s] = ia;
        if (hasParam) {
            argPool[s + 1] = addConst(param);
            slotEnd = s + 2;
        } else {
            slotEnd = s + 1;
        }
        values[id] = y;
        size = id + 1;
        return id;
    }

    /** Appends a binary node with its value to the compact tape. */
    private int tape2(int code, int ia, int ib, double y) {
        int id = size;
        int s = slotEnd;
        if (id == ops8.length || s + 2 > argPool.length) {
            growCompact(2);
        }
        ops8[id] = (byte) code;
        argPool[s] = ia;
        argPool[s + 1] = ib;
        slotEnd = s + 2;
        values[id] = y;
        size = id + 1;
        return id;
    }

    /** Appends an input or constant to the compact tape (no slot: its value is the node's value). */
    private int leaf(int code) {
        if (size == ops8.length) {
            growCompact(0);
        }
        ops8[size] = (byte) code;
        return size++;
    }

    /**
     * Appends a node of any arity to the compact tape: its arguments and parameter, framed by
     * their count unless the op code implies it ({@link TapeSweep#fixedSlots}).
     */
    private int tapeN(Primitive p, double param, int[] ids, int n, double y) {
        boolean fixed = TapeSweep.fixedSlots(p);
        int slots = n + (p.hasParam() ? 1 : 0) + (fixed ? 0 : 2);
        if (size == ops8.length || slotEnd + slots > argPool.length) {
            growCompact(slots);
        }
        int s = slotEnd;
        if (!fixed) {
            argPool[s++] = n;
        }
        System.arraycopy(ids, 0, argPool, s, n);
        s += n;
        if (p.hasParam()) {
            argPool[s++] = addConst(param);
        }
        if (!fixed) {
            argPool[s++] = n;
        }
        slotEnd = s;
        int id = size++;
        ops8[id] = (byte) p.code();
        values[id] = y;
        return id;
    }

    /** Room for one more compact node of {@code slots} slots. */
    private void growCompact(int slots) {
        if (size == ops8.length) {
            int cap = 2 * ops8.length;
            ops8 = java.util.Arrays.copyOf(ops8, cap);
            if (values.length < cap) {
                values = java.util.Arrays.copyOf(values, cap);
            }
            shapes.grow(cap);
        }
        if (slotEnd + slots > argPool.length) {
            argPool = java.util.Arrays.copyOf(argPool, Math.max(2 * argPool.length, slotEnd + slots));
        }
    }

    /**
     * Converts a compact recording to the general layout (op code and argument offset per node,
     * a constant-pool slot per input and constant), after which the recording continues in it
     * until {@link #clear()}: matrices, graphs and the reference sweeps of anomaly detection read
     * only that layout.
     */
    void expand() {
        if (!compact) {
            return;
        }
        int n = size;
        int cap = Math.max(values.length, 64);
        int[] newOp = new int[cap];
        int[] newStart = new int[cap + 1];
        int[] pool = new int[Math.max(128, slotEnd + n)];     // at most one slot more per node
        int input = 0;
        int p = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            int code = ops8[i] & 0xff;
            newOp[i] = code;
            newStart[i] = q;
            if (code == Leaves.INPUT.code()) {
                pool[q++] = addConst(input++);
            } else if (code == Leaves.CONSTANT.code()) {
                pool[q++] = addConst(values[i]);
            } else if (code == TensorConstant.MATRIX.code()) {
                Shape ms = shapes.shapeOf(i);
                double[] mv = shapes.tensorValue(i);
                pool[q++] = addConst(TensorConstant.hash(ms.rows(), ms.cols(), mv));
                for (double v : mv) {
                    addConst(v);
                }
            } else {
                Primitive prim = Primitives.byCode(code);
                int extra = prim.hasParam() ? 1 : 0;
                if (TapeSweep.fixedSlots(prim)) {
                    int m = prim.arity() + extra;
                    System.arraycopy(argPool, p, pool, q, m);
                    p += m;
                    q += m;
                } else {
                    int m = argPool[p++] + extra;
                    System.arraycopy(argPool, p, pool, q, m);
                    p += m + 1;
                    q += m;
                }
            }
        }
        newStart[n] = q;
        op = newOp;
        argStart = newStart;
        argPool = pool;
        compact = false;
        fast = false;
        shapes.grow(cap);
    }

    /** Nodes the arrays can hold before they grow. */
    int capacity() {
        return compact ? ops8.length : op.length;
    }

    /** Appends a recorded unary node with its value. */
    private int record1(int code, boolean hasParam, double param, int ia, double y) {
        int id = reserve(code, hasParam ? 2 : 1);
        int s = argStart[id];
        argPool[s] = ia;
        if (hasParam) {
            argPool[s + 1] = addConst(param);
        }
        values[id] = y;
        return id;
    }

    /** Appends a recorded binary node with its value. */
    private int record2(int code, int ia, int ib, double y) {
        int id = reserve(code, 2);
        int s = argStart[id];
        argPool[s] = ia;
        argPool[s + 1] = ib;
        values[id] = y;
        return id;
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

    private int appendNode(Primitive p, double param, int nargs) {
        int extra = p.hasParam() ? 1 : 0;
        int id = reserve(p.code(), nargs + extra);
        if (extra == 1) {
            argPool[argStart[id] + nargs] = addConst(param);
        }
        return id;
    }

    private int append(int code, int nargs, double param) {
        int id = reserve(code, nargs + 1);
        argPool[argStart[id] + nargs] = addConst(param);
        return id;
    }

    private int reserve(int code, int slots) {
        if (size == op.length || argStart[size] + slots > argPool.length) {
            grow(slots);
        }
        int start = argStart[size];
        int id = size++;
        op[id] = code;
        argStart[id + 1] = start + slots;
        return id;
    }

    /** Makes room for one more node of {@code slots} argument slots (out of {@link #reserve}, so that it stays small). */
    private void grow(int slots) {
        if (size == op.length) {
            int cap = op.length * 2;
            op = java.util.Arrays.copyOf(op, cap);
            argStart = java.util.Arrays.copyOf(argStart, cap + 1);
            if (recording) {
                values = java.util.Arrays.copyOf(values, cap);
            }
            shapes.grow(cap);
        }
        int start = argStart[size];
        if (start + slots > argPool.length) {
            argPool = java.util.Arrays.copyOf(argPool, Math.max(argPool.length * 2, start + slots));
        }
    }

    private int addConst(double v) {
        if (constCount == constPool.length) {
            constPool = java.util.Arrays.copyOf(constPool, constCount * 2);
        }
        constPool[constCount] = v;
        return constCount++;
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
