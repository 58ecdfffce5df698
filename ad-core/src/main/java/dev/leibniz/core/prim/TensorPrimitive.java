package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * A primitive on whole matrices ({@code matmul}, {@code transpose}, {@code sum_to},
 * {@code softmax}, …), declared once with everything known about it, like the scalar ones:
 *
 * <ol>
 *   <li>its <b>shape rule</b> {@link #shape}, checked when the node is appended (a mismatch is a
 *       {@link dev.leibniz.core.ShapeException} naming the primitive and the shapes);</li>
 *   <li>its <b>evaluation</b> {@link #forward} into a flat row-major buffer;</li>
 *   <li>its <b>numeric reverse rule</b> {@link #backward}, accumulating x̄_k += (∂y/∂x_k)ᵀ ȳ into
 *       the argument adjoints — a matrix primitive has no scalar "partial", so the rule is a
 *       vector–Jacobian product, e.g. for {@code matmul} Ā += Ḡ·Bᵀ and B̄ += Aᵀ·Ḡ;</li>
 *   <li>the same VJP and the JVP as <b>graph operations</b> ({@link #vjp}, {@link #jvp}), so that
 *       derivative graphs of matrix graphs are graphs again;</li>
 *   <li>what the reverse rule needs <b>saved</b> ({@link #savesInput}, {@link #savesOutput}),
 *       how each input enters ({@link #dependence}), and which output element depends on which
 *       input element ({@link #connects}, {@link #elementDependence}).</li>
 * </ol>
 *
 * The scalar entry points of {@link Primitive} are implemented for 1×1 operands through the
 * matrix rules, so a matrix primitive applied to scalars still evaluates anywhere; its symbolic
 * {@link #partial(int, Var[], Var, double)} is only meaningful there.
 */
public abstract class TensorPrimitive extends Primitive {
    protected TensorPrimitive(String name, int arity) {
        super(name, arity);
    }

    @Override
    public final Kind kind() {
        return Kind.GENERAL;
    }

    /** The output shape for arguments of shapes {@code args[0..n)}, or a {@code ShapeException}. */
    public abstract Shape shape(Shape[] args, int n, double param);

    /** Writes the output {@code a.y} from the arguments {@code a.x}. */
    public abstract void forward(TensorArgs a);

    /**
     * Accumulates the vector–Jacobian product into {@code a.gx[k]} for every argument with
     * {@code a.need[k]}, given the output adjoint {@code a.gy} and the saved values.
     */
    public abstract void backward(TensorArgs a);

    /**
     * The contribution {@code (∂y/∂x_k)ᵀ ct} to argument {@code k}'s cotangent, built with graph
     * operations; it has the shape of {@code x[k]}. {@code null} when identically zero.
     */
    public abstract Var vjp(int k, Var[] x, Var y, Var ct, double param);

    /**
     * The tangent {@code ẏ = Σ_k (∂y/∂x_k) ẋ_k} as graph operations; {@code tangents[k]} is
     * {@code null} for an argument with zero tangent. Returns {@code null} when ẏ is zero.
     */
    public abstract Var jvp(Var[] x, Var y, Var[] tangents, double param);

    /**
     * Whether the value of output element (oi, oj) can depend on element (ai, aj) of argument
     * {@code k}: the element dependency pattern, from which sparsity is derived. An argument
     * whose {@link #dependence} is {@code NONE} (class indices) may still connect, but adds no
     * entry to a Jacobian.
     */
    public abstract boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param);

    /**
     * The dense element pattern of argument {@code k}: {@code [outputElement][argumentElement]},
     * row-major indices. Meant for small shapes (sparsity detection, tests).
     */
    public final boolean[][] elementDependence(int k, Shape[] args, int n, double param) {
        Shape out = shape(args, n, param);
        Shape in = args[k];
        boolean[][] d = new boolean[out.size()][in.size()];
        for (int o = 0; o < out.size(); o++) {
            for (int e = 0; e < in.size(); e++) {
                d[o][e] = connects(k, o / out.cols(), o % out.cols(), e / in.cols(), e % in.cols(), args, out, param);
            }
        }
        return d;
    }

    // ---------------------------------------------------------------- scalar entry points (1×1 operands)

    @Override
    public double apply(double[] x, int n, double param, Subgradients policy) {
        TensorArgs a = scalarArgs(x, n, param, policy);
        forward(a);
        return a.y[0];
    }

    @Override
    public double partial(int k, double[] x, int n, double y, double param, Subgradients policy) {
        TensorArgs a = scalarArgs(x, n, param, policy);
        a.y[0] = y;
        a.gy[0] = 1.0;
        a.need[k] = true;
        backward(a);
        return a.gx[k][0];
    }

    @Override
    public Var partial(int k, Var[] x, Var y, double param) {
        return vjp(k, x, y, y.constant(1.0), param);
    }

    private TensorArgs scalarArgs(double[] x, int n, double param, Subgradients policy) {
        Shape[] s = new Shape[n];
        java.util.Arrays.fill(s, Shape.SCALAR);
        if (!shape(s, n, param).isScalar()) {
            throw new GraphException("'" + name() + "' with these parameters is not scalar-valued; evaluate it on matrices");
        }
        return TensorArgs.scalars(x, n, param, policy);
    }

    /**
     * True when the output is its one argument's elements in the same row-major order
     * ({@code reshape}): a recording may then give the node its argument's value array instead of
     * a copy, and, when the node is its argument's only consumer, the same adjoint block, since
     * the reverse rule would only add the output's adjoint to the argument's element by element.
     */
    public boolean isContiguousView() {
        return false;
    }

    /**
     * When output element i (row-major) is element {@code offset + i·stride} of the one
     * argument, for every i — a reshape ({0, 1}), a slice of whole rows ({start·cols, 1}), a slice
     * of one column ({start, cols}) — returns {offset, stride}; else null. A recording may then
     * read the argument's elements in place instead of copying them.
     */
    public int[] flatView(Shape arg, Shape out, double param) {
        return null;
    }

    /**
     * When the output is the one R×C argument cyclically shifted, y[(r + a) mod R, (c + b) mod C]
     * = x[r, c] for every element ({@code roll}), returns {a, b} with 0 ≤ a &lt; R and 0 ≤ b &lt; C;
     * else null. The reverse rule is then {@link CyclicShifts#addBack}, which a sweep may run once
     * for several such entries of one argument.
     */
    public int[] cyclicShift(Shape arg, double param) {
        return null;
    }

    /**
     * True when this node, with output shape {@code out}, is the sum of all elements of its one
     * argument ({@code sum_to} 1×1): y = Σ_e x_e, whose reverse rule adds ȳ to every x̄_e. A sweep
     * that runs elementwise entries element by element may then seed each element with ȳ.
     */
    public boolean sumsAllElements(Shape out) {
        return false;
    }

    /** The value of an integer-valued parameter, checked. */
    static int intParam(String name, double param) {
        int v = (int) param;
        if (v != param) {
            throw new GraphException("'" + name + "' needs an integer parameter, got " + param);
        }
        return v;
    }

    /**
     * Whether the reverse rule multiplies the cotangent by forward values (it saves an input or its
     * output, as {@code matmul} and {@code softmax} do): derivative graphs then give its
     * contribution the strong zero of a whole product ({@link StrongZero}), so an all-zero
     * cotangent sends exact zeros as the numeric kernels do. Linear rearrangements (transpose,
     * slices, reshapes, sums) map zeros to zeros by themselves. {@code n}: the node's arguments.
     */
    public boolean vjpScalesByValues(int n) {
        if (savesOutput()) {
            return true;
        }
        for (int k = 0; k < n; k++) {
            if (savesInput(k)) {
                return true;
            }
        }
        return false;
    }
}
