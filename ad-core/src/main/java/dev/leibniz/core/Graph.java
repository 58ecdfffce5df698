package dev.leibniz.core;

import dev.leibniz.core.internal.GraphArrays;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorConstant;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An immutable computational graph: nodes in topological order, each a primitive applied to
 * earlier nodes, with named inputs and outputs. Printing it gives a listing, one node a line:
 *
 * <pre>
 * graph (x) -&gt; (f)
 *   %0 = input x
 *   %1 = square %0
 *   %2 = sin %1
 *   f = %2
 * </pre>
 *
 * The nodes are stored as a compact tape (op codes and an argument pool); every transformation
 * — evaluation, differentiation, optimization passes — reads it through the accessors below.
 */
public final class Graph {
    final int[] op;
    final int[] argStart;
    final int[] argPool;
    final double[] constPool;
    private final String[] inputNames;
    private final int[] inputNodes;
    private final String[] outputNames;
    private final int[] outputNodes;

    static {
        // the arrays stay package-private; only the internal sweeps read them (see GraphArrays)
        GraphArrays.install(g -> new GraphArrays(g.op, g.argStart, g.argPool, g.constPool));
    }

    Graph(int[] op, int[] argStart, int[] argPool, double[] constPool, String[] inputNames, int[] inputNodes,
          String[] outputNames, int[] outputNodes) {
        this(op, argStart, argPool, constPool, inputNames, inputNodes, outputNames, outputNodes, null, null);
    }

    Graph(int[] op, int[] argStart, int[] argPool, double[] constPool, String[] inputNames, int[] inputNodes,
          String[] outputNames, int[] outputNodes, int[] rows, int[] cols) {
        this.rows = rows;
        this.cols = cols;
        this.op = op;
        this.argStart = argStart;
        this.argPool = argPool;
        this.constPool = constPool;
        this.inputNames = inputNames;
        this.inputNodes = inputNodes;
        this.outputNames = outputNames;
        this.outputNodes = outputNodes;
        for (int j = 0; j < outputNodes.length; j++) {
            if (outputNodes[j] < 0 || outputNodes[j] >= op.length) {
                throw new GraphException("output '" + outputNames[j] + "' refers to missing node %" + outputNodes[j]);
            }
        }
        this.matrices = findMatrices();
    }

    /**
     * Traces a Java function of named scalar inputs into a static graph with one output
     * {@code "f"}: the function runs once, on symbolic variables.
     */
    public static Graph trace(Function<Var[], Var> f, String... inputNames) {
        if (f == null) {
            throw new GraphException("the function to trace must not be null");
        }
        if (inputNames == null) {
            throw new GraphException("the input names must not be null");
        }
        GraphBuilder b = GraphBuilder.tracing();
        Var[] xs = new Var[inputNames.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = b.input(inputNames[i]);
        }
        Var out = f.apply(xs);
        if (out == null) {
            throw new GraphException("the traced function returned null");
        }
        return b.build("f", out);
    }

    /** Number of nodes. */
    public int size() {
        return op.length;
    }

    public Primitive primitive(int node) {
        return Primitives.byCode(op[node]);
    }

    /** Op code of a node (see {@link Primitive#code()}). */
    public int opCode(int node) {
        return op[node];
    }

    /** Number of arguments of a node. */
    public int arity(int node) {
        int slots = argStart[node + 1] - argStart[node];
        return primitive(node).hasParam() ? slots - 1 : slots;
    }

    /** Node index of argument {@code k} of {@code node}. */
    public int arg(int node, int k) {
        return argPool[argStart[node] + k];
    }

    /** The node's own number (constant value, integer exponent, input position), or 0. */
    public double param(int node) {
        return primitive(node).hasParam() ? constPool[argPool[argStart[node + 1] - 1]] : 0.0;
    }

    /** Shape of a node's value (1×1 for every node of a scalar graph). */
    public Shape shape(int node) {
        if (rows == null || (rows[node] == 1 && cols[node] == 1)) {
            return Shape.SCALAR;
        }
        return new Shape(rows[node], cols[node]);
    }

    public int inputCount() {
        return inputNames.length;
    }

    public String inputName(int j) {
        return inputNames[j];
    }

    public int inputNode(int j) {
        return inputNodes[j];
    }

    public List<String> inputNames() {
        return List.of(inputNames);
    }

    /** Position of the named input, or a {@link GraphException} naming the known inputs. */
    public int inputIndex(String name) {
        for (int j = 0; j < inputNames.length; j++) {
            if (inputNames[j].equals(name)) {
                return j;
            }
        }
        throw new GraphException("unknown input '" + name + "'; the graph's inputs are " + Arrays.toString(inputNames));
    }

    public int outputCount() {
        return outputNames.length;
    }

    public String outputName(int j) {
        return outputNames[j];
    }

    public int outputNode(int j) {
        return outputNodes[j];
    }

    public List<String> outputNames() {
        return List.of(outputNames);
    }

    public int outputIndex(String name) {
        for (int j = 0; j < outputNames.length; j++) {
            if (outputNames[j].equals(name)) {
                return j;
            }
        }
        throw new GraphException("unknown output '" + name + "'; the graph's outputs are " + Arrays.toString(outputNames));
    }

    /** The same nodes with only the named outputs (in the given order). */
    public Graph withOutputs(String... names) {
        if (names == null) {
            throw new GraphException("output names must not be null");
        }
        // a map, not outputIndex per name: keeping 10⁴ of 2·10⁴ outputs was 2·10⁸ string compares
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int j = outputNames.length - 1; j >= 0; j--) {
            index.put(outputNames[j], j);           // the first output of a name wins, as in outputIndex
        }
        int[] nodes = new int[names.length];
        for (int j = 0; j < names.length; j++) {
            Integer k = names[j] == null ? null : index.get(names[j]);
            nodes[j] = outputNodes[k == null ? outputIndex(names[j]) : k];
        }
        return new Graph(op, argStart, argPool, constPool, inputNames, inputNodes, names.clone(), nodes, rows, cols);
    }

    /** Compiles this graph for repeated evaluation and differentiation. */
    public Program compile() {
        return new Program(this);
    }

    /** Evaluates every output at the given inputs (compiles on each call; keep a {@link Program} to reuse). */
    public double[] evaluate(double... inputs) {
        return compile().evaluate(inputs);
    }

    /** The listing of one node, e.g. {@code %3 = mul %1 %2}. */
    public String nodeListing(int node) {
        Primitive p = primitive(node);
        StringBuilder sb = new StringBuilder();
        sb.append('%').append(node).append(" = ").append(p.name());
        if (p == Leaves.INPUT) {
            return withShape(sb.append(' ').append(inputNames[(int) param(node)]), node);
        }
        if (p == TensorConstant.MATRIX) {
            return withShape(sb.append(' ').append(TensorConstant.format(constantValues(node))), node);
        }
        if (p.hasParam()) {
            sb.append(' ').append(p.formatParam(param(node)));
        }
        for (int k = 0, n = arity(node); k < n; k++) {
            sb.append(" %").append(arg(node, k));
        }
        return withShape(sb, node);
    }

    /** The readable listing, one node a line, then one line per output. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("graph (").append(String.join(", ", inputNames)).append(") -> (")
                .append(String.join(", ", outputNames)).append(")\n");
        for (int i = 0; i < op.length; i++) {
            sb.append("  ").append(nodeListing(i)).append('\n');
        }
        for (int j = 0; j < outputNames.length; j++) {
            sb.append("  ").append(outputNames[j]).append(" = %").append(outputNodes[j]).append('\n');
        }
        return sb.toString();
    }

    /** Graphviz DOT: one box per node, edges from arguments to their users, outputs as ellipses. */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph leibniz {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (int i = 0; i < op.length; i++) {
            Primitive p = primitive(i);
            String label = p == Leaves.INPUT ? inputNames[(int) param(i)]
                    : p == TensorConstant.MATRIX ? "tensor " + shape(i)
                    : p == Leaves.CONSTANT ? Leaves.formatNumber(param(i))
                    : p.hasParam() ? p.name() + " " + p.formatParam(param(i)) : p.name();
            String style = p == Leaves.INPUT ? ", style=filled, fillcolor=lightblue"
                    : p == Leaves.CONSTANT ? ", style=dashed" : "";
            sb.append("  n").append(i).append(" [label=\"%").append(i).append(": ")
                    .append(label.replace("\"", "\\\"")).append('"').append(style).append("];\n");
            for (int k = 0, n = arity(i); k < n; k++) {
                sb.append("  n").append(arg(i, k)).append(" -> n").append(i).append(";\n");
            }
        }
        for (int j = 0; j < outputNames.length; j++) {
            sb.append("  out").append(j).append(" [label=\"").append(outputNames[j].replace("\"", "\\\""))
                    .append("\", shape=ellipse];\n");
            sb.append("  n").append(outputNodes[j]).append(" -> out").append(j).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    // ---------------------------------------------------------------- matrix-valued nodes

    /** Rows and columns of every node; null when every node is scalar (scalar graphs stay compact). */
    final int[] rows;
    final int[] cols;
    private final boolean matrices;

    /**
     * True when the graph has a non-scalar node or a matrix primitive: such a graph is evaluated
     * by the matrix-capable engine; a purely scalar graph keeps the scalar fast path.
     */
    public boolean hasMatrices() {
        return matrices;
    }

    private boolean findMatrices() {
        boolean any = rows != null;
        for (int i = 0; i < op.length && !any; i++) {
            Primitive p = primitive(i);
            any = p instanceof TensorPrimitive || p == TensorConstant.MATRIX;
        }
        return any;
    }

    /**
     * The guard of every transform that works on scalar nodes only: throws a {@link ShapeException}
     * naming the transform, the first non-scalar node (its index, primitive and shape) and what to
     * use instead, so a matrix graph is refused up front rather than given wrong numbers.
     *
     * @param transform what is being refused, e.g. {@code "forward-mode lanes (ForwardProgram)"}
     */
    public void requireScalar(String transform) {
        if (!hasMatrices()) {
            return;
        }
        for (int i = 0; i < op.length; i++) {
            Primitive p = primitive(i);
            if (!shape(i).isScalar() || p instanceof TensorPrimitive || p == TensorConstant.MATRIX) {
                throw new ShapeException(transform + " works on scalar graphs only, but node %" + i + " ("
                        + p.name() + ") has shape " + shape(i) + "; evaluate and differentiate matrix graphs"
                        + " with Program.gradient or the symbolic ReverseMode/ForwardMode transforms");
            }
        }
    }

    /** The row-major values of a matrix constant node (see {@link TensorConstant}). */
    public double[] constantValues(int node) {
        Primitive p = primitive(node);
        if (p == Leaves.CONSTANT) {
            return new double[] {param(node)};
        }
        if (p != TensorConstant.MATRIX) {
            throw new GraphException("node %" + node + " (" + p.name() + ") is not a constant");
        }
        int start = argPool[argStart[node]] + 1;
        return Arrays.copyOfRange(constPool, start, start + shape(node).size());
    }

    /** Shape of input {@code j}. */
    public Shape inputShape(int j) {
        return shape(inputNodes[j]);
    }

    /** Shape of output {@code j}. */
    public Shape outputShape(int j) {
        return shape(outputNodes[j]);
    }

    /**
     * Traces a Java function of named inputs of the given shapes into a static graph with one
     * output {@code "f"}.
     */
    public static Graph trace(Function<Var[], Var> f, String[] inputNames, Shape[] shapes) {
        if (inputNames.length != shapes.length) {
            throw new GraphException("trace needs one shape per input: " + inputNames.length + " names, "
                    + shapes.length + " shapes");
        }
        GraphBuilder b = GraphBuilder.tracing();
        Var[] xs = new Var[inputNames.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = b.input(inputNames[i], shapes[i]);
        }
        Var out = f.apply(xs);
        if (out == null) {
            throw new GraphException("the traced function returned null");
        }
        return b.build("f", out);
    }

    /** Appends " : RxC" to a listing line for a non-scalar node (scalar listings are unchanged). */
    private String withShape(StringBuilder sb, int node) {
        Shape s = shape(node);
        return s.isScalar() ? sb.toString() : sb.append(" : ").append(s).toString();
    }
}
