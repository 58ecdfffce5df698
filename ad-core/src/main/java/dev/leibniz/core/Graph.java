package dev.leibniz.core;

import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
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

    Graph(int[] op, int[] argStart, int[] argPool, double[] constPool, String[] inputNames, int[] inputNodes,
          String[] outputNames, int[] outputNodes) {
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

    /** Shape of a node's value. Every primitive of this release is scalar-valued. */
    public Shape shape(int node) {
        return Shape.SCALAR;
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
        int[] nodes = new int[names.length];
        for (int j = 0; j < names.length; j++) {
            nodes[j] = outputNodes[outputIndex(names[j])];
        }
        return new Graph(op, argStart, argPool, constPool, inputNames, inputNodes, names.clone(), nodes);
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
            return sb.append(' ').append(inputNames[(int) param(node)]).toString();
        }
        if (p.hasParam()) {
            sb.append(' ').append(p.formatParam(param(node)));
        }
        for (int k = 0, n = arity(node); k < n; k++) {
            sb.append(" %").append(arg(node, k));
        }
        return sb.toString();
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
}
