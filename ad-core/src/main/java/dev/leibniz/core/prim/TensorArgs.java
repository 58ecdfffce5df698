package dev.leibniz.core.prim;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Subgradients;

/**
 * The operands of one matrix-valued node, as the numeric kernels see them: for every argument
 * {@code k} its values {@code x[k]} starting at offset {@code xo[k]} (row-major, shape
 * {@code xs[k]}), the output {@code y} at {@code yo} (shape {@code ys}), and for the reverse
 * pass the adjoint arrays {@code gx[k]} at {@code gxo[k]} and {@code gy} at {@code gyo}.
 *
 * <p>Arrays and offsets rather than one array per node let the same kernel serve a compiled
 * program (each matrix node owns an array; scalar nodes share one array, at offset = node index)
 * and a recording tape (scalar values live in the tape's value array). An evaluator fills one
 * instance per node from precomputed tables and reuses it for the next node: kernels allocate
 * nothing.
 *
 * <p>Reverse kernels <em>accumulate</em> ({@code gx[k] += …}) and only into the arguments with
 * {@code need[k]}: an argument with no path to a differentiated input (data, constants) costs
 * nothing — in {@code X·W} with data X only {@code W̄ = Xᵀ·Ḡ} is computed.
 */
public final class TensorArgs {
    /** Number of arguments. */
    public int n;
    public double[][] x;
    public int[] xo;
    public Shape[] xs;
    public double[] y;
    public int yo;
    public Shape ys;
    public double[][] gx;
    public int[] gxo;
    public boolean[] need;
    public double[] gy;
    public int gyo;
    /** The node's parameter (axis, packed dimensions, class count, …). */
    public double param;
    public Subgradients policy = Subgradients.DEFAULT;
    /** Per-argument scratch for elementwise kernels: a gathered point and the broadcast strides. */
    public double[] point;
    public int[] rowStride;
    public int[] colStride;

    public TensorArgs(int capacity) {
        allocate(Math.max(capacity, 3));
    }

    /** Makes room for {@code n} arguments (grows the arrays, keeping nothing). */
    public void ensure(int arguments) {
        if (arguments > x.length) {
            allocate(arguments);
        }
    }

    private void allocate(int c) {
        x = new double[c][];
        xo = new int[c];
        xs = new Shape[c];
        gx = new double[c][];
        gxo = new int[c];
        need = new boolean[c];
        point = new double[c];
        rowStride = new int[c];
        colStride = new int[c];
    }

    /** Operands of a node whose arguments and output are all scalars, each in its own one-element array. */
    static TensorArgs scalars(double[] values, int n, double param, Subgradients policy) {
        TensorArgs a = new TensorArgs(n);
        a.n = n;
        for (int k = 0; k < n; k++) {
            a.x[k] = new double[] {values[k]};
            a.xs[k] = Shape.SCALAR;
            a.gx[k] = new double[1];
        }
        a.y = new double[1];
        a.ys = Shape.SCALAR;
        a.gy = new double[1];
        a.param = param;
        a.policy = policy;
        return a;
    }

    /** True when {@code gy} holds at least one nonzero element (else the reverse kernel can be skipped). */
    public boolean hasAdjoint() {
        for (int e = gyo, end = gyo + ys.size(); e < end; e++) {
            if (gy[e] != 0) {
                return true;
            }
        }
        return false;
    }
}
