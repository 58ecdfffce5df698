package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Graph;

/**
 * A graph's nodes copied once into flat arrays (op code, arguments, parameter), so that the
 * repeat finder and the code generator, which visit every node several times, do not go
 * through {@link Graph}'s accessors (which look the primitive up on every call).
 *
 * <p>Layout by example: node {@code %5 = mul %2 %3} has {@code op[5] = code(mul)} and its
 * arguments at {@code args[argStart[5]]} and {@code args[argStart[5] + 1]}.
 */
public final class NodeTable {
    final int size;
    final int[] op;
    final int[] argStart;
    final int[] args;
    final double[] param;
    /**
     * Whether the node's value depends on some input. The adjoint of a node that does not (a
     * constant, a subexpression of constants) never reaches an input, so the reverse sweep
     * need not accumulate it — which matters, because every copy of a loop would add into the
     * same constant's adjoint, a chain of dependent memory updates.
     */
    final boolean[] dependsOnInput;

    private NodeTable(int size, int[] op, int[] argStart, int[] args, double[] param) {
        this.size = size;
        this.op = op;
        this.argStart = argStart;
        this.args = args;
        this.param = param;
        this.dependsOnInput = new boolean[size];
        int input = dev.leibniz.core.prim.Leaves.INPUT.code();
        for (int i = 0; i < size; i++) {
            boolean d = op[i] == input;
            for (int k = argStart[i]; k < argStart[i + 1] && !d; k++) {
                d = dependsOnInput[args[k]];
            }
            dependsOnInput[i] = d;
        }
    }

    public static NodeTable of(Graph g) {
        int n = g.size();
        int[] op = new int[n];
        int[] argStart = new int[n + 1];
        double[] param = new double[n];
        for (int i = 0; i < n; i++) {
            op[i] = g.opCode(i);
            param[i] = g.param(i);
            argStart[i + 1] = argStart[i] + g.arity(i);
        }
        int[] args = new int[argStart[n]];
        for (int i = 0; i < n; i++) {
            for (int k = 0, a = arity(argStart, i); k < a; k++) {
                args[argStart[i] + k] = g.arg(i, k);
            }
        }
        return new NodeTable(n, op, argStart, args, param);
    }

    /**
     * The same nodes in another order: node {@code i} of the result is node {@code order[i]} of
     * this table, its arguments renumbered ({@code order} must be topological).
     */
    public NodeTable permuted(int[] order) {
        int[] newIndex = inverse(order);
        int[] op2 = new int[size];
        int[] argStart2 = new int[size + 1];
        double[] param2 = new double[size];
        int[] args2 = new int[args.length];
        for (int i = 0; i < size; i++) {
            int u = order[i];
            op2[i] = op[u];
            param2[i] = param[u];
            argStart2[i + 1] = argStart2[i] + arity(u);
            for (int k = 0; k < arity(u); k++) {
                args2[argStart2[i] + k] = newIndex[arg(u, k)];
            }
        }
        return new NodeTable(size, op2, argStart2, args2, param2);
    }

    /** {@code inverse(order)[order[i]] = i}. */
    public static int[] inverse(int[] order) {
        int[] inv = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inv[order[i]] = i;
        }
        return inv;
    }

    private static int arity(int[] argStart, int i) {
        return argStart[i + 1] - argStart[i];
    }

    int arity(int i) {
        return argStart[i + 1] - argStart[i];
    }

    /** Node index of argument {@code k} of node {@code i}. */
    int arg(int i, int k) {
        return args[argStart[i] + k];
    }
}
