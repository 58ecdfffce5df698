package dev.leibniz.core.memory;

import dev.leibniz.core.Graph;

/**
 * Which forward values the backward pass needs — the values a reverse-mode implementation must
 * keep (or recompute) between its forward and backward sweeps.
 *
 * <p>The reverse sweep processes the operations on a path from an input to the output; at such
 * a node {@code y = p(x₀, …, x_{k-1})} it evaluates the partials {@code ∂y/∂x_k}, which read
 * exactly the arguments with {@link dev.leibniz.core.prim.Primitive#savesInput(int)} and, if
 * {@link dev.leibniz.core.prim.Primitive#savesOutput()}, the output. The saved set is the union
 * of these over the swept nodes, without constants (they are part of the program, not of the
 * run). For {@code f = sin(x²)·eˣ} with {@code u = x², v = sin u, w = eˣ, f = v·w}:
 * square keeps x, sin keeps u, exp keeps its output w, mul keeps v and w — so {x, u, v, w},
 * and not f. Everything else can be discarded as soon as its last forward user has run.
 *
 * <p>The result is minimal for the primitives' declarations: every member is read by the rule
 * of some swept node, so dropping it would make that rule read a value that was not kept. The
 * declarations are per argument, not per partial, so {@code c·x} with a constant-derived
 * {@code c} keeps x although only ∂/∂c (never used) reads it. The contract tests check the
 * declarations themselves by poisoning every value not in the set.
 */
public final class SavedValues {
    private SavedValues() {
    }

    /** Node ids, ascending, whose values the gradient of output {@code outputIndex} needs. */
    public static int[] analyze(Graph g, int outputIndex) {
        boolean[] saved = mask(Tape.of(g, outputIndex));
        int count = 0;
        for (boolean b : saved) {
            count += b ? 1 : 0;
        }
        int[] ids = new int[count];
        for (int i = 0, j = 0; i < saved.length; i++) {
            if (saved[i]) {
                ids[j++] = i;
            }
        }
        return ids;
    }

    /** The saved set as a per-node mask. */
    static boolean[] mask(Tape t) {
        boolean[] saved = new boolean[t.size];
        for (int i = 0; i < t.size; i++) {
            if (!t.swept[i]) {
                continue;
            }
            for (int k = 0, n = t.arity(i); k < n; k++) {
                int a = t.arg(i, k);
                if (t.prim[i].savesInput(k) && !t.isConst[a]) {
                    saved[a] = true;
                }
            }
            if (t.prim[i].savesOutput()) {
                saved[i] = true;
            }
        }
        return saved;
    }
}
