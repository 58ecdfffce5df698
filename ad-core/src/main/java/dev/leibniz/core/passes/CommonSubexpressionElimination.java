package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Primitive;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Common subexpression elimination by hash-consing: a node is replaced by an earlier node that
 * computes the same thing, identified by the key (op code, parameter, argument ids). Because
 * nodes are visited in topological order and arguments are renamed before the key is formed,
 * equal subtrees of any depth collapse bottom-up in one pass: in {@code x²·(x+1) + sin(x²)} the
 * two {@code square x} nodes become one.
 *
 * <ul>
 *   <li>Commutative operands are normalized: for {@link Primitive#isCommutative()} primitives
 *       with two arguments the argument ids are sorted, so {@code a+b} and {@code b+a} merge.
 *       Variadic commutative primitives ({@code logsumexp}) are <em>not</em> sorted beyond two
 *       arguments: their floating-point sum depends on the argument order, and merging
 *       permutations would change results in the last bit. Only exact repeats merge.</li>
 *   <li>Constants with bitwise-equal values merge ({@code 0.0} and {@code -0.0} stay apart,
 *       since {@code 1/x} tells them apart).</li>
 *   <li>Inputs never merge: each is a distinct part of the interface.</li>
 * </ul>
 * Values are bit-for-bit unchanged. Gradients are equal up to rounding: a merged node gathers
 * the adjoints of its copies first and multiplies once, {@code (ḡ₁+ḡ₂)·∂}, where the original
 * computed {@code ḡ₁·∂ + ḡ₂·∂}.
 *
 * <p>{@code removed} is the number of nodes deleted (graph size before minus after).
 */
public final class CommonSubexpressionElimination {
    /** The name used in pass reports. */
    public static final String NAME = "CSE";

    private CommonSubexpressionElimination() {
    }

    public static PassResult apply(Graph g) {
        GraphRewriter r = new GraphRewriter(g);
        Map<Key, Integer> seen = new HashMap<>();
        int removed = 0;
        for (int i = 0; i < g.size(); i++) {
            Primitive p = g.primitive(i);
            if (p.kind() == Primitive.Kind.INPUT) {
                r.copyInput(i);
                continue;
            }
            int k = g.arity(i);
            int[] args = Arrays.copyOf(r.mappedArgs(i), k);
            if (p.isCommutative() && k == 2 && args[0] > args[1]) {
                args = new int[] {args[1], args[0]};
            }
            Key key = new Key(p.code(), Double.doubleToRawLongBits(g.param(i)), args);
            Integer earlier = seen.get(key);
            if (earlier != null) {
                r.map[i] = earlier;
                removed++;
            } else {
                // the copy keeps the node's own argument order; only the key is normalized
                seen.put(key, r.copy(i));
            }
        }
        return new PassResult(NAME, r.build(), removed);
    }

    /** What a node computes: primitive, parameter bits and (renamed) argument ids. */
    private record Key(int code, long paramBits, int[] args) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.code == code && k.paramBits == paramBits && Arrays.equals(k.args, args);
        }

        @Override
        public int hashCode() {
            return (31 * code + Long.hashCode(paramBits)) * 31 + Arrays.hashCode(args);
        }
    }
}
