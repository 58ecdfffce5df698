package dev.leibniz.core.internal;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Shapes;
import dev.leibniz.core.prim.StrongZero;
import dev.leibniz.core.prim.TensorPrimitive;

/**
 * The derivative rules of every primitive on nodes of any shape, as graph operations — what
 * {@link dev.leibniz.core.ReverseMode} and {@link dev.leibniz.core.ForwardMode} are built from.
 *
 * <ul>
 *   <li>A {@link TensorPrimitive} states its VJP and JVP itself.</li>
 *   <li>A scalar primitive applied elementwise (with broadcasting) keeps its one scalar rule, the
 *       partial {@code d_k = ∂y/∂x_k}, evaluated elementwise: the VJP contribution is
 *       {@code sum_to(ȳ ⊙ d_k, shape(x_k))} — the {@code sum_to} undoes the broadcast, so a bias
 *       row added to every row of a batch receives the column sums of the adjoint — and the
 *       JVP is {@code Σ_k d_k ⊙ ẋ_k}, broadcast to the output's shape.</li>
 * </ul>
 * For scalar nodes both reduce to the scalar rules exactly (no {@code sum_to} is added).
 */
public final class TensorRules {
    private TensorRules() {
    }

    /** The contribution of node {@code y = p(x; param)} to argument k's cotangent, of x_k's shape; null when zero. */
    public static Var vjp(Primitive p, int k, Var[] x, Var y, Var ct, double param) {
        if (p instanceof TensorPrimitive t) {
            Var v = t.vjp(k, x, y, ct, param);
            return v == null || !t.vjpScalesByValues(x.length) ? v : StrongZero.gate(ct, v);
        }
        Var d = p.partial(k, x, y, param);
        if (d == null) {
            return null;
        }
        return fit(scale(ct, d), x[k].shape());
    }

    /** The tangent of node {@code y = p(x; param)}; {@code tangents[k]} null for zero; null when ẏ is zero. */
    public static Var jvp(Primitive p, Var[] x, Var y, Var[] tangents, double param) {
        if (p instanceof TensorPrimitive t) {
            return t.jvp(x, y, tangents, param);
        }
        Var sum = null;
        for (int k = 0; k < x.length; k++) {
            if (tangents[k] == null) {
                continue;
            }
            Var d = p.partial(k, x, y, param);
            if (d == null) {
                continue;
            }
            if (sum != null && d.graph().isConstantNode(d, -1.0)) {
                // s − ẋ rather than s + (−ẋ) (a sub's second term): IEEE 754 defines x − y as
                // x + (−y), so the bits are the same (signed zeros included) and only a NaN's sign
                // may differ, which Java leaves unspecified; one node instead of two
                sum = sum.sub(tangents[k]);
                continue;
            }
            Var term = scale(tangents[k], d);
            sum = sum == null ? term : sum.add(term);
        }
        return sum == null ? null : fit(sum, y.shape());
    }

    /**
     * {@code v} brought to {@code shape}: summed down where it is larger (undoing a broadcast),
     * broadcast up where it is smaller; unchanged when the shapes agree.
     */
    public static Var fit(Var v, Shape shape) {
        Shape s = v.shape();
        if (s.equals(shape)) {
            return v;
        }
        if (Shapes.broadcastsTo(shape, s)) {
            return v.sumTo(shape);
        }
        if (Shapes.broadcastsTo(s, shape)) {
            return v.broadcastTo(shape);
        }
        // e.g. 1×n against m×1: broadcast to the common shape, then sum down
        return v.broadcastTo(Shapes.broadcast("fit", s, shape)).sumTo(shape);
    }

    /** ct·d (strong zero), without building multiplications by the constants ±1 that linear rules produce. */
    static Var scale(Var ct, Var d) {
        GraphBuilder b = ct.graph();
        if (b.isConstantNode(d, 1.0)) {
            return ct;
        }
        if (b.isConstantNode(ct, 1.0)) {
            return d;
        }
        if (b.isConstantNode(d, -1.0)) {
            return ct.neg();
        }
        return ct.mulStrongZero(d); // an exact-zero adjoint contributes exactly zero, as in the numeric sweep
    }
}
