package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;

/**
 * The reverse sweep of a <em>compact</em> recording tape, the layout a {@code Recorder} writes
 * while every recorded node is a scalar (issue 14: ≤ 16 bytes per recorded operation). Per node
 * the tape holds a one-byte op code {@code op[i]} (read as {@code op[i] & 0xff}), its value
 * {@code v[i]}, and its slots in {@code ap}, right after the previous node's:
 *
 * <ul>
 *   <li>an input or a constant: no slot (its value is {@code v[i]}; the input's position is kept
 *       by the recorder);</li>
 *   <li>a primitive of one or two arguments ({@link #fixedSlots}): its argument node indices, then
 *       the index of its parameter in {@code cp} when it has one;</li>
 *   <li>any other primitive (three or more arguments, variadic): {@code k}, its {@code k}
 *       argument indices, the parameter's index when it has one, and {@code k} again, so the tape
 *       can be walked either way.</li>
 * </ul>
 *
 * Example: {@code x·y + sin x} with inputs x, y is {@code op = [in, in, mul, sin, add]},
 * {@code ap = [0, 1,  0,  2, 3]}: 1 + 8 bytes per input, 1 + 8 + 4·k per operation. No argument
 * offset is stored: the sweep runs from the last node to the first and steps back over the
 * slots each op code implies. (The argument offset was 4 of the 23.6 bytes of the general layout;
 * the op code 4 more.)
 *
 * <p>Like {@link Interpreter}, the sweep is <em>generated</em> from the registry of primitives
 * ({@link TapeSweepWriter}): one {@code tableswitch} whose cases call each primitive's declared
 * partials through {@link RuleEmitter}, exactly as the interpreter's reverse loop does, so a
 * compact tape's gradient is the interpreter's bit for bit. Nodes of three or more arguments go
 * through {@link #backwardGeneral}, the same declarations and {@link Flow} contract.
 */
public abstract class TapeSweep {
    /** The sweep generated for the primitives registered in this JVM. */
    public static final TapeSweep INSTANCE = TapeSweepWriter.generate();

    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);

    /**
     * Reverse sweep of nodes {@code [0, to)}, last to first, whose slots end at {@code ap[end]}:
     * each node marked in {@code reach} marks its arguments and, when its adjoint is not zero, adds
     * {@code Flow.times(g[i], ∂f_i/∂x_k)} to the adjoint of every argument it has an edge to.
     */
    public abstract void backward(int to, int end, byte[] op, int[] ap, double[] cp, double[] v, double[] g,
                                  boolean[] reach, Subgradients pol, double[] scratch);

    /** True when the compact tape stores no argument count for {@code p}: its arity is fixed at one or two. */
    public static boolean fixedSlots(Primitive p) {
        return RuleEmitter.handles(p);
    }

    /** True for the leaves that take no slot on a compact tape (inputs and scalar constants). */
    public static boolean slotless(int code) {
        return code == Leaves.INPUT.code() || code == Leaves.CONSTANT.code();
    }

    /**
     * The reverse step of node i, whose slots end at {@code p}, for a node the generated switch does
     * not spell out; returns where the previous node's slots end.
     */
    public static int backwardGeneral(int i, int p, byte[] op, int[] ap, double[] cp, double[] v, double[] g,
                                      boolean[] reach, Subgradients pol, double[] scratch) {
        int code = op[i] & 0xff;
        if (slotless(code)) {
            return p;
        }
        Primitive prim = PRIMS[code];
        int extra = prim.hasParam() ? 1 : 0;
        boolean fixed = fixedSlots(prim);
        int k = fixed ? prim.arity() : ap[p - 1];
        int s = fixed ? p - k - extra : p - 1 - extra - k;
        int previous = fixed ? s : s - 1;
        if (!reach[i]) {
            return previous;
        }
        for (int j = 0; j < k; j++) {
            reach[ap[s + j]] = true;
        }
        double gi = g[i];
        if (gi == 0) {
            return previous;
        }
        double[] x = k <= scratch.length ? scratch : new double[k];
        for (int j = 0; j < k; j++) {
            x[j] = v[ap[s + j]];
        }
        double param = extra == 1 ? cp[ap[s + k]] : 0.0;
        for (int j = 0; j < k; j++) {
            if (Flow.flows(code, j)) {
                int a = ap[s + j];
                g[a] = g[a] + Flow.times(gi, prim.partial(j, x, k, v[i], param, pol));
            }
        }
        return previous;
    }
}
