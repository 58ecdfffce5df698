package dev.leibniz.core;

import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An append-only list of nodes, stored as a compact tape of primitive arrays: per node an op
 * code and an offset into a shared argument pool (constants and integer parameters sit in a
 * side pool). In <em>tracing</em> mode (static, define-then-run) the nodes are symbolic; in
 * <em>recording</em> mode (dynamic, define-by-run) every node is evaluated as it is appended and
 * its value kept beside it, so ordinary Java control flow decides what is recorded.
 *
 * <p>A static graph's tape holds per node 4 bytes of op code, 4 of argument offset and 4 per
 * argument. A recording keeps a more compact tape of its own, 16 bytes an operation including
 * its value ({@link RecordingTape}), because it is rebuilt on every call.
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
    /** The tape of a recording (then the arrays above stay empty); null while tracing. */
    private final RecordingTape tape;

    private final InputNames inputs = new InputNames();
    private final double[] scratch = new double[8];

    private GraphBuilder(boolean recording, Subgradients policy) {
        this.recording = recording;
        this.policy = policy;
        this.tape = recording ? new RecordingTape() : null;
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
        int index = inputs.count();
        if (!inputs.add(name, size)) {
            throw new GraphException("input '" + name + "' is declared twice");
        }
        int id = recording ? recorded(tape.input(index, value)) : append(Leaves.INPUT.code(), 0, index);
        return new Var(this, id);
    }

    /** A constant node. */
    public Var constant(double value) {
        int id = recording ? recorded(tape.constant(value)) : append(Leaves.CONSTANT.code(), 0, value);
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

    /** Unary fast path used by {@link Var}: no varargs array. */
    Var apply1(Primitive p, double param, Var a) {
        int ia = own(a, p, 0);
        if (recording) {
            double value = FastEngine.apply1(p.code(), tape.values[ia], param, policy);
            return new Var(this, recorded(tape.unary(p, ia, param, value)));
        }
        int id = appendNode(p, param, 1);
        argPool[argStart[id]] = ia;
        return new Var(this, id);
    }

    /** Binary fast path used by {@link Var}. */
    Var apply2(Primitive p, Var a, Var b) {
        int ia = own(a, p, 0);
        int ib = own(b, p, 1);
        if (recording) {
            double value = FastEngine.apply2(p.code(), tape.values[ia], tape.values[ib], policy);
            return new Var(this, recorded(tape.binary(p, ia, ib, value)));
        }
        int id = reserve(p.code(), 2); // a binary primitive has no parameter
        int s = argStart[id];
        argPool[s] = ia;
        argPool[s + 1] = ib;
        return new Var(this, id);
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
        if (recording) {
            double[] x = n <= scratch.length ? scratch : new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = tape.values[ids[k]];
            }
            double value = p.apply(x, n, param, policy);
            return recorded(switch (p.kind()) {
                case UNARY -> tape.unary(p, ids[0], param, value);
                case BINARY -> tape.binary(p, ids[0], ids[1], value);
                default -> tape.general(p, ids, n, param, value);
            });
        }
        int id = appendNode(p, param, n);
        System.arraycopy(ids, 0, argPool, argStart[id], n);
        return id;
    }

    /** Keeps the node count in step with the recording tape; returns the new node's id. */
    private int recorded(int id) {
        size = id + 1;
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
        int extra = Engine.HAS_PARAM[p.code()] ? 1 : 0;
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
        if (size == op.length) {
            int cap = op.length * 2;
            op = java.util.Arrays.copyOf(op, cap);
            argStart = java.util.Arrays.copyOf(argStart, cap + 1);
        }
        int start = argStart[size];
        if (start + slots > argPool.length) {
            argPool = java.util.Arrays.copyOf(argPool, Math.max(argPool.length * 2, start + slots));
        }
        int id = size++;
        op[id] = code;
        argStart[id + 1] = start + slots;
        return id;
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
        return tape.values[v.id];
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
        if (recording) {
            return tape.isConstant(v.id, value);
        }
        return op[v.id] == Leaves.CONSTANT.code() && constPool[argPool[argStart[v.id]]] == value;
    }

    /** Forgets every node (keeping the arrays), so a recorder can be reused without allocating. */
    void clear() {
        size = 0;
        constCount = 0;
        argStart[0] = 0;
        if (recording) {
            tape.clear();
        }
        inputs.clear();
    }

    /** The tape of a recording (null while tracing). */
    RecordingTape recordingTape() {
        return tape;
    }

    /** The declared inputs: names, node ids. */
    InputNames inputs() {
        return inputs;
    }

    /** Bytes held per node by the tape arrays in use (op code, argument offset, arguments, constants, values). */
    long tapeBytes() {
        if (recording) {
            return tape.bytes();
        }
        return 4L * size + 4L * size + 4L * argStart[size] + 8L * constCount;
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
        if (recording) {
            Engine.Nodes t = tape.toNodes();
            return new Graph(t.op(), t.argStart(), t.argPool(), t.constPool(),
                    inputs.names(), inputs.nodes(), outputNames.clone(), outputNodes.clone());
        }
        return new Graph(java.util.Arrays.copyOf(op, size), java.util.Arrays.copyOf(argStart, size + 1),
                java.util.Arrays.copyOf(argPool, argStart[size]), java.util.Arrays.copyOf(constPool, constCount),
                inputs.names(), inputs.nodes(), outputNames.clone(), outputNodes.clone());
    }

    /**
     * True when {@code v} is a constant node of this builder equal to {@code value}. Graph
     * transformations outside this package (forward mode) use it to skip multiplying by ±1.
     */
    public boolean isConstantNode(Var v, double value) {
        return v != null && v.graph == this && isConstant(v, value);
    }
}
