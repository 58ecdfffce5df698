package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.prim.Primitive;
import java.util.Arrays;

/**
 * The shared rebuilding loop of the passes: copies nodes of an old graph into a fresh tracing
 * builder, keeping a map from old node ids to new ones. Inputs are re-declared in node order,
 * which is the original input order (a builder numbers inputs as they are declared), so the
 * rewritten graph has exactly the old interface.
 */
final class GraphRewriter {
    final Graph old;
    final GraphBuilder b = GraphBuilder.tracing();
    /** New id of each old node, or -1 when the node was dropped. */
    final int[] map;
    private final int[] args;

    GraphRewriter(Graph old) {
        if (old == null) {
            throw new GraphException("cannot rewrite a null graph");
        }
        this.old = old;
        this.map = new int[old.size()];
        Arrays.fill(map, -1);
        int m = 1;
        for (int i = 0; i < old.size(); i++) {
            m = Math.max(m, old.arity(i));
        }
        this.args = new int[m];
    }

    /** Re-declares the old input node {@code i} under its name. */
    int copyInput(int i) {
        map[i] = b.input(old.inputName((int) old.param(i)), old.shape(i)).node();
        return map[i];
    }

    int constant(int i, double value) {
        map[i] = b.constant(value).node();
        return map[i];
    }

    /**
     * The new ids of old node {@code i}'s arguments, in a scratch array valid until the next call
     * (only {@code old.arity(i)} entries are meaningful).
     */
    int[] mappedArgs(int i) {
        for (int k = 0, n = old.arity(i); k < n; k++) {
            args[k] = map[old.arg(i, k)];
        }
        return args;
    }

    /** Appends old node {@code i}'s operation applied to the given new argument ids. */
    int copyOperation(int i, int[] newArgs) {
        map[i] = b.copyNode(old, i, newArgs); // carries matrix constants and shapes
        return map[i];
    }

    /** Copies old node {@code i} unchanged (its arguments already mapped). */
    int copy(int i) {
        Primitive.Kind kind = old.primitive(i).kind();
        if (kind == Primitive.Kind.INPUT) {
            return copyInput(i);
        }
        if (kind == Primitive.Kind.CONSTANT) {
            return constant(i, old.param(i));
        }
        return copyOperation(i, mappedArgs(i));
    }

    /** The new graph with the old outputs (names and order), mapped to new nodes. */
    Graph build() {
        String[] names = new String[old.outputCount()];
        int[] nodes = new int[old.outputCount()];
        for (int j = 0; j < names.length; j++) {
            names[j] = old.outputName(j);
            nodes[j] = map[old.outputNode(j)];
        }
        return b.build(names, nodes);
    }
}
