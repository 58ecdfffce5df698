package dev.leibniz.forward;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Program;
import dev.leibniz.core.Workspace;
import org.ejml.data.DMatrixRMaj;

/**
 * The full Jacobian J (m×n, row i = output i, column j = input j) of a graph at a point, by
 * either mode:
 * <ul>
 *   <li>{@link #jacobianForward} builds it <b>by columns</b>: one forward pass for the values,
 *       then ⌈n/k⌉ tangent sweeps with unit seeds, k columns per sweep;</li>
 *   <li>{@link #jacobianReverse} builds it <b>by rows</b>: one forward pass, then m backward
 *       sweeps (vector–Jacobian products with unit cotangents) of ad-core's {@link Program}.</li>
 * </ul>
 * So forward mode pays for inputs and reverse mode for outputs: for f: Rⁿ → R reverse needs one
 * sweep where forward needs n; for g: R → Rᵐ the reverse. {@link ModeCost} measures both.
 *
 * <p>The forms taking a prepared program and an output matrix reuse everything and allocate
 * nothing per sweep (the reverse side reuses one ad-core {@link Workspace} for its m sweeps).
 */
public final class Jacobians {
    private Jacobians() {
    }

    /** Lanes per forward sweep used when none is given (capped at n). */
    public static final int DEFAULT_LANES = 8;

    /** J by columns with {@code min(n, DEFAULT_LANES)} lanes per sweep, default kink policy. */
    public static DMatrixRMaj jacobianForward(Graph g, double[] x) {
        requireGraph(g);
        return jacobianForward(g, x, Math.max(1, Math.min(g.inputCount(), DEFAULT_LANES)));
    }

    /** J by columns, k = {@code lanes} columns per sweep. */
    public static DMatrixRMaj jacobianForward(Graph g, double[] x, int lanes) {
        requireGraph(g);
        ForwardProgram p = ForwardProgram.prepare(g, lanes);
        return jacobianForward(p, p.newWorkspace(), x, null);
    }

    /**
     * J by columns with a prepared program and workspace; {@code out} is reshaped to m×n and
     * reused (a new matrix when null). The program's options give the kink policy.
     */
    public static DMatrixRMaj jacobianForward(ForwardProgram p, TangentLanes ws, double[] x, DMatrixRMaj out) {
        if (p == null) {
            throw new LeibnizException("the forward program is null");
        }
        int n = p.inputCount();
        int m = p.outputCount();
        int k = p.lanes();
        DMatrixRMaj j = out == null ? new DMatrixRMaj(m, n) : out;
        j.reshape(m, n);
        p.values(x, ws);
        double[] t = ws.tangents;
        for (int first = 0; first < n; first += k) {
            p.unitTangents(first, ws);
            int width = Math.min(k, n - first);
            for (int i = 0; i < m; i++) {
                int off = p.outputOffset(i);
                for (int l = 0; l < width; l++) {
                    j.unsafe_set(i, first + l, t[off + l]);
                }
            }
        }
        return j;
    }

    /** J by rows, default options. */
    public static DMatrixRMaj jacobianReverse(Graph g, double[] x) {
        return jacobianReverse(g, x, EvalOptions.DEFAULT);
    }

    /** J by rows, kinks and anomaly detection as in {@code options}. */
    public static DMatrixRMaj jacobianReverse(Graph g, double[] x, EvalOptions options) {
        requireGraph(g);
        return jacobianReverse(g.compile(), x, options, null);
    }

    /**
     * J by rows with a compiled program: one forward pass, then one backward sweep per output
     * with a unit cotangent; {@code out} is reshaped to m×n and reused (new when null).
     */
    public static DMatrixRMaj jacobianReverse(Program p, double[] x, EvalOptions options, DMatrixRMaj out) {
        if (p == null) {
            throw new LeibnizException("the compiled program is null");
        }
        if (options == null) {
            throw new LeibnizException("evaluation options must not be null");
        }
        int n = p.graph().inputCount();
        int m = p.graph().outputCount();
        DMatrixRMaj j = out == null ? new DMatrixRMaj(m, n) : out;
        j.reshape(m, n);
        double[] values = p.forward(options, x);
        double[] seed = new double[m];
        // one workspace for all m sweeps: a fresh adjoint array per row cost m × nodes doubles
        // (446 MB per Jacobian of the 32×32 Brusselator)
        Workspace ws = p.newWorkspace();
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            seed[i] = 1.0;
            p.backward(values, seed, options, ws, row);
            seed[i] = 0.0;
            System.arraycopy(row, 0, j.data, i * n, n);
        }
        return j;
    }

    private static void requireGraph(Graph g) {
        if (g == null) {
            throw new GraphException("cannot take the Jacobian of a null graph");
        }
    }
}
