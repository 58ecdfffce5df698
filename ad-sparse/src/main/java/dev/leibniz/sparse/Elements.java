package dev.leibniz.sparse;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Workspace;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.TangentLanes;
import java.util.Arrays;

/**
 * The element layout of a graph for sparsity propagation. Every element of every node gets a
 * slot (node i's elements, row-major, are the slots {@code base[i] … base[i+1] − 1}); every
 * element of every input is a pattern column and every element of every output a pattern row,
 * inputs and outputs in the graph's order, each row-major:
 * <pre>
 *   column(input j, element e) = column[j] + e,    row(output r, element e) = row[r] + e
 * </pre>
 * In a scalar graph every node has one element, so slot i is node i, column j is input j and row
 * r is output r: the patterns of scalar graphs are exactly those of one scalar per node.
 */
final class Elements {
    final Graph graph;
    /** First slot of each node, {@code base[size]} the number of slots; null in a scalar graph (slot = node). */
    private final int[] base;
    /** Shape of each node; null in a scalar graph. */
    private final Shape[] shape;
    /** First pattern column of each input; {@code column[inputCount]} is the number of columns. */
    final int[] column;
    /** First pattern row of each output; {@code row[outputCount]} is the number of rows. */
    final int[] row;
    /** True when every node is a 1×1 scalar of a scalar primitive (slot = node). */
    final boolean scalar;

    Elements(Graph g) {
        graph = g;
        int n = g.size();
        scalar = !g.hasMatrices();
        if (scalar) {
            base = null; // one element per node, the hot case: no per-node layout to build
            shape = null;
        } else {
            base = new int[n + 1];
            shape = new Shape[n];
            for (int i = 0; i < n; i++) {
                shape[i] = g.shape(i);
                base[i + 1] = base[i] + shape[i].size();
            }
        }
        column = new int[g.inputCount() + 1];
        for (int j = 0; j < g.inputCount(); j++) {
            column[j + 1] = column[j] + g.inputShape(j).size();
        }
        row = new int[g.outputCount() + 1];
        for (int r = 0; r < g.outputCount(); r++) {
            row[r + 1] = row[r] + g.outputShape(r).size();
        }
    }

    int slots() {
        return scalar ? graph.size() : base[base.length - 1];
    }

    /** The first slot of a node. */
    int base(int node) {
        return scalar ? node : base[node];
    }

    /** The shape of a node. */
    Shape shape(int node) {
        return scalar ? Shape.SCALAR : shape[node];
    }

    int columns() {
        return column[column.length - 1];
    }

    int rows() {
        return row[row.length - 1];
    }

    /** Number of elements of a node. */
    int size(int node) {
        return scalar ? 1 : base[node + 1] - base[node];
    }

    /**
     * The slot of the element of node {@code arg} that element {@code o} of a node of shape
     * {@code out} reads when a scalar primitive is applied elementwise with broadcasting: along a
     * dimension of extent 1 the argument's only row (column) is read for every output row
     * (column).
     */
    int broadcastSlot(int arg, Shape out, int o) {
        Shape s = shape(arg);
        int r = s.rows() == 1 ? 0 : o / out.cols();
        int c = s.cols() == 1 ? 0 : o % out.cols();
        return base(arg) + r * s.cols() + c;
    }

    /**
     * Every node's element values at the point {@code x} (one value per pattern column), in slot
     * order: by ad-forward's scalar evaluator for a scalar graph (O(nodes) to prepare), by the
     * matrix engine otherwise.
     */
    double[] valuesAt(double[] x, EvalOptions options) {
        double[] v = new double[slots()];
        if (scalar) {
            ForwardProgram p = ForwardProgram.prepare(graph, 1, options);
            TangentLanes ws = p.newWorkspace();
            p.values(x, ws);
            for (int i = 0; i < v.length; i++) {
                v[i] = ws.value(i);
            }
            return v;
        }
        double[][] inputs = new double[graph.inputCount()][];
        for (int j = 0; j < inputs.length; j++) {
            inputs[j] = Arrays.copyOfRange(x, column[j], column[j + 1]);
        }
        Program p = graph.compile();
        Workspace ws = p.newWorkspace();
        p.evaluate(ws, inputs, options);
        for (int i = 0; i < graph.size(); i++) {
            System.arraycopy(ws.value(i), 0, v, base(i), size(i));
        }
        return v;
    }

    /** The inputs with their shapes, for messages: {@code [X 2x3, s]}. */
    String describeInputs() {
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(graph.inputCount(), 8);
        for (int j = 0; j < shown; j++) {
            Shape s = graph.inputShape(j);
            sb.append(j == 0 ? "" : ", ").append(graph.inputName(j)).append(s.isScalar() ? "" : " " + s);
        }
        return sb.append(graph.inputCount() > shown ? ", …]" : "]").toString();
    }
}
