package dev.leibniz.core;

import dev.leibniz.core.compile.internal.Lifted;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorArgs;
import dev.leibniz.core.prim.TensorConstant;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;

/**
 * The numeric interpreter for graphs with matrix-valued nodes, shared by compiled programs
 * ({@link TensorProgram}) and recordings ({@link Recorder}). It is the scalar {@link Engine}
 * lifted to blocks: node {@code i}'s value is {@code shape(i).size()} doubles in array
 * {@code va[i]} from offset {@code vo[i]} (row-major), its adjoint likewise in {@code ga[i]} at
 * {@code go[i]}. A matrix primitive runs its own kernel; a scalar primitive runs elementwise with
 * broadcasting ({@link Lifted}).
 *
 * <p>The reverse loop is the scalar one with blocks: for nodes in reverse order, each argument
 * receives {@code x̄_k += (∂y/∂x_k)ᵀ ȳ}. Adjoints accumulate, so a matrix used twice — a tied
 * weight — receives the sum over both paths. An argument's adjoint block is zeroed the first time
 * the sweep reaches it, so only reached nodes are touched; {@code active[i]} says whether node i
 * depends on a differentiated input, and kernels skip the adjoints of the rest (data, constants).
 */
final class TensorEngine {
    private TensorEngine() {
    }

    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);

    /** Evaluates one node whose operands are loaded in {@code a}. */
    static void forwardNode(Primitive p, TensorArgs a) {
        if (p instanceof TensorPrimitive t) {
            t.forward(a);
        } else {
            Lifted.of(p).forward(a);
        }
    }

    /** Runs one node's reverse rule on operands (values and adjoints) loaded in {@code a}. */
    static void backwardNode(Primitive p, TensorArgs a) {
        if (p instanceof TensorPrimitive t) {
            t.backward(a);
        } else {
            Lifted.of(p).backward(a);
        }
    }

    /** Per-node storage of values and adjoints: arrays with offsets (see the class comment). */
    record Blocks(Shape[] shapes, double[][] va, int[] vo, double[][] ga, int[] go) {
    }

    /** Loads node {@code i}'s operands into {@code a}. */
    static void load(Engine.Nodes t, int i, Blocks b, boolean[] active, EvalOptions opt, TensorArgs a) {
        int n = t.arity(i);
        a.ensure(n);
        a.n = n;
        int s = t.argStart()[i];
        for (int k = 0; k < n; k++) {
            int arg = t.argPool()[s + k];
            a.x[k] = b.va[arg];
            a.xo[k] = b.vo[arg];
            a.xs[k] = b.shapes[arg];
            if (b.ga != null) {
                a.gx[k] = b.ga[arg];
                a.gxo[k] = b.go[arg];
                a.need[k] = active == null || active[arg];
            }
        }
        a.y = b.va[i];
        a.yo = b.vo[i];
        a.ys = b.shapes[i];
        if (b.ga != null) {
            a.gy = b.ga[i];
            a.gyo = b.go[i];
        }
        a.param = t.param(i);
        a.policy = opt.policy();
    }

    /** Forward pass over every node; {@code inputs[j]} holds input j's row-major values. */
    static void forward(Engine.Nodes t, Blocks b, double[][] inputs, EvalOptions opt, TensorArgs a) {
        for (int i = 0; i < t.size(); i++) {
            Primitive p = PRIMS[t.op()[i]];
            int s = t.argStart()[i];
            switch (p.kind()) {
                case INPUT -> {
                    double[] in = inputs[(int) t.constPool()[t.argPool()[s]]];
                    System.arraycopy(in, 0, b.va[i], b.vo[i], b.shapes[i].size());
                }
                case CONSTANT -> b.va[i][b.vo[i]] = t.constPool()[t.argPool()[s]];
                default -> {
                    if (p == TensorConstant.MATRIX) {
                        System.arraycopy(t.constPool(), t.argPool()[s] + 1, b.va[i], b.vo[i], b.shapes[i].size());
                    } else {
                        load(t, i, b, null, opt, a);
                        forwardNode(p, a);
                    }
                }
            }
            if (opt.detectAnomalies() && !finite(b.va[i], b.vo[i], b.shapes[i].size())) {
                checkForward(t, i, b);
            }
        }
    }

    /**
     * Reverse pass. The caller has zeroed and seeded the adjoints of the nodes marked in
     * {@code reach}; the sweep zeroes every further node the first time it reaches it. On return
     * {@code reach} marks every node with a path to a seed.
     */
    static void backward(Engine.Nodes t, Blocks b, boolean[] reach, boolean[] active, EvalOptions opt, TensorArgs a) {
        for (int i = t.size() - 1; i >= 0; i--) {
            if (!reach[i]) {
                continue;
            }
            Primitive p = PRIMS[t.op()[i]];
            int n = t.arity(i);
            if (n == 0) {
                continue;
            }
            int s = t.argStart()[i];
            for (int k = 0; k < n; k++) {
                int arg = t.argPool()[s + k];
                if (!reach[arg]) {
                    reach[arg] = true;
                    Arrays.fill(b.ga[arg], b.go[arg], b.go[arg] + b.shapes[arg].size(), 0.0);
                }
            }
            if (active != null && !active[i]) {
                continue;
            }
            load(t, i, b, active, opt, a);
            if (!a.hasAdjoint()) {
                continue;
            }
            backwardNode(p, a);
            if (opt.detectAnomalies()) {
                checkBackward(t, i, b, a);
            }
        }
    }

    static boolean finite(double[] v, int from, int len) {
        for (int e = from, end = from + len; e < end; e++) {
            if (!Double.isFinite(v[e])) {
                return false;
            }
        }
        return true;
    }

    private static int firstBad(double[] v, int from, int len) {
        for (int e = 0; e < len; e++) {
            if (!Double.isFinite(v[from + e])) {
                return e;
            }
        }
        return -1;
    }

    private static String where(Shape s, int e) {
        return s.isScalar() ? "" : " at element (" + e / s.cols() + ", " + e % s.cols() + ") of " + s;
    }

    private static void checkForward(Engine.Nodes t, int i, Blocks b) {
        int n = t.arity(i);
        for (int k = 0; k < n; k++) {
            int arg = t.argPool()[t.argStart()[i] + k];
            if (!finite(b.va[arg], b.vo[arg], b.shapes[arg].size())) {
                return; // not the first: an argument was already non-finite
            }
        }
        int e = firstBad(b.va[i], b.vo[i], b.shapes[i].size());
        throw new AnomalyException("anomaly in forward pass: node %" + i + " (" + PRIMS[t.op()[i]].name()
                + ") produced " + b.va[i][b.vo[i] + e] + where(b.shapes[i], e) + " from finite arguments", i, false);
    }

    private static void checkBackward(Engine.Nodes t, int i, Blocks b, TensorArgs a) {
        if (!finite(a.gy, a.gyo, a.ys.size())) {
            return;
        }
        for (int k = 0; k < a.n; k++) {
            if (a.need[k] && !finite(a.gx[k], a.gxo[k], a.xs[k].size())) {
                int arg = t.argPool()[t.argStart()[i] + k];
                int e = firstBad(a.gx[k], a.gxo[k], a.xs[k].size());
                throw new AnomalyException("anomaly in backward pass: the reverse rule of node %" + i + " ("
                        + PRIMS[t.op()[i]].name() + ", " + a.ys + ") sent " + a.gx[k][a.gxo[k] + e] + where(a.xs[k], e)
                        + " to its argument %" + arg + " from a finite adjoint", i, true);
            }
        }
    }
}
