package dev.leibniz.forward;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.ReverseMode;
import org.ejml.data.DMatrixRMaj;

/**
 * Second derivatives of one output of a graph by <b>forward-over-reverse</b>: the gradient graph
 * ∇f (ad-core's symbolic reverse mode) is built once, and tangents are pushed through it with a
 * {@link ForwardProgram}. The tangent of ∇f in direction v is the Hessian–vector product
 * <pre>  H·v = d/dε ∇f(x + εv) |_{ε=0}</pre>
 * at about the cost of a few gradients, without forming H. A full Hessian is n such products,
 * taken k at a time (⌈n/k⌉ sweeps); use it for small n.
 *
 * <p>Forward-over-reverse is the usual choice: reverse-over-reverse ({@code ReverseMode.hessian})
 * needs one backward sweep through the larger gradient graph per row, and its tape must keep
 * every value of the gradient graph; the forward tangent sweep keeps nothing.
 *
 * <p>Kinks: the gradient graph holds {@code step}/{@code sign}/{@code tiestep} nodes that read
 * the program's kink policy, whose own derivative is 0 (relu'' = 0 away from, and at, the kink).
 */
public final class HessianProgram {
    private final Graph gradient;
    private final ForwardProgram program;
    private final int n;

    private HessianProgram(Graph gradient, ForwardProgram program, int n) {
        this.gradient = gradient;
        this.program = program;
        this.n = n;
    }

    /** Hessian of the first output, {@code min(n, 8)} lanes, default options. */
    public static HessianProgram prepare(Graph f) {
        if (f == null) {
            throw new GraphException("cannot take the Hessian of a null graph");
        }
        return prepare(f, 0, Math.max(1, Math.min(f.inputCount(), Jacobians.DEFAULT_LANES)), EvalOptions.DEFAULT);
    }

    /** Hessian of output {@code outputIndex}, k = {@code lanes} directions per sweep. */
    public static HessianProgram prepare(Graph f, int outputIndex, int lanes, EvalOptions options) {
        if (f == null) {
            throw new GraphException("cannot take the Hessian of a null graph");
        }
        if (outputIndex < 0 || outputIndex >= f.outputCount()) {
            throw new GraphException("output index " + outputIndex + " is out of range; the graph has outputs "
                    + f.outputNames());
        }
        f.requireScalar("forward-over-reverse Hessians (HessianProgram)"); // its lanes are ForwardProgram's
        Graph g = ReverseMode.gradientGraph(f, outputIndex);
        return new HessianProgram(g, ForwardProgram.prepare(g, lanes, options), f.inputCount());
    }

    /** The gradient graph the tangents are pushed through: outputs f, then ∂f/∂x₁ … ∂f/∂xₙ. */
    public Graph gradientGraph() {
        return gradient;
    }

    public int lanes() {
        return program.lanes();
    }

    public int inputCount() {
        return n;
    }

    public TangentLanes newWorkspace() {
        return program.newWorkspace();
    }

    /**
     * H·V for an n×k matrix V of directions (row-major, {@code seeds[j·k + l]}); writes the n×k
     * result row-major into {@code out}. Allocates nothing.
     */
    public void hvp(double[] x, double[] seeds, TangentLanes ws, double[] out) {
        int k = program.lanes();
        SeedLengthException.check(out, n * k, "the Hessian-vector product buffer (n×k with n = " + n + ", k = " + k + ")");
        program.values(x, ws);
        program.tangents(seeds, ws);
        for (int i = 0; i < n; i++) {
            System.arraycopy(ws.tangents, program.outputOffset(i + 1), out, i * k, k);
        }
    }

    /** H·v for one direction v (length n). Allocates; uses lane 0 of the program. */
    public double[] hvp(double[] x, double[] v) {
        SeedLengthException.check(v, n, "the direction v of the Hessian-vector product");
        int k = program.lanes();
        double[] seeds = new double[n * k];
        for (int j = 0; j < n; j++) {
            seeds[j * k] = v[j];
        }
        TangentLanes ws = program.newWorkspace();
        program.values(x, ws);
        program.tangents(seeds, ws);
        double[] hv = new double[n];
        for (int i = 0; i < n; i++) {
            hv[i] = ws.tangents[program.outputOffset(i + 1)];
        }
        return hv;
    }

    /** The n×n Hessian: the forward Jacobian of ∇f, ⌈n/k⌉ sweeps with unit seeds. */
    public DMatrixRMaj hessian(double[] x) {
        return hessian(x, program.newWorkspace(), null);
    }

    /** The Hessian into {@code out} (reshaped to n×n; new when null), reusing {@code ws}. */
    public DMatrixRMaj hessian(double[] x, TangentLanes ws, DMatrixRMaj out) {
        DMatrixRMaj h = out == null ? new DMatrixRMaj(n, n) : out;
        h.reshape(n, n);
        program.values(x, ws);
        int k = program.lanes();
        for (int first = 0; first < n; first += k) {
            program.unitTangents(first, ws);
            int width = Math.min(k, n - first);
            for (int i = 0; i < n; i++) {
                int off = program.outputOffset(i + 1);
                for (int l = 0; l < width; l++) {
                    h.unsafe_set(i, first + l, ws.tangents[off + l]);
                }
            }
        }
        return h;
    }
}
