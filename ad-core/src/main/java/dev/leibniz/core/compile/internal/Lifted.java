package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorArgs;
import dev.leibniz.core.prim.TensorPrimitive;
import dev.leibniz.core.prim.UnaryPrimitive;

/**
 * A scalar primitive lifted to matrices: its value and reverse rule applied element by element,
 * with broadcasting. Lifting writes no formula: the loops are written once, in {@link UnaryLoops}
 * and {@link BinaryLoops}, against a placeholder primitive, and {@link Specializer} makes one
 * copy of them per primitive with the placeholder bound to the primitive's static field — so in
 * each copy the call {@code P.apply(x, …)} has one constant receiver, which the JIT inlines into
 * a simple counted loop over {@code double[]} (vectorized where the formula allows). Primitives of
 * three or more arguments ({@code select}, the variadic ones) run through {@link GeneralLoops}.
 *
 * <p>Broadcasting: an argument of shape {@code r×c} is read at element (i, j) of the output as
 * {@code x[i·rs + j·cs]} with row stride {@code rs = (r == 1 ? 0 : c)} and column stride
 * {@code cs = (c == 1 ? 0 : 1)}; reverse kernels write their adjoint through the same strides with
 * {@code +=}, so a broadcast argument receives the sum over the elements it was spread to.
 *
 * <p>The reverse kernels follow the {@link dev.leibniz.core.prim.Flow} contract of the scalar
 * sweeps, in the same order of operations, so a matrix of one element differentiates to the
 * scalar interpreter's bits.
 */
public abstract class Lifted {
    /** {@code a.y = p(a.x…)} elementwise with broadcasting. */
    public abstract void forward(TensorArgs a);

    /** Accumulates {@code a.gx[k] += Flow.times(a.gy, ∂p/∂x_k)} elementwise, for the arguments with {@code a.need[k]}. */
    public abstract void backward(TensorArgs a);

    private static final Lifted[] BY_CODE = new Lifted[Primitives.all().size()];

    static {
        for (Primitive p : Primitives.all()) {
            if (p instanceof TensorPrimitive || p.kind() == Primitive.Kind.INPUT
                    || p.kind() == Primitive.Kind.CONSTANT) {
                continue;
            }
            if (PrimitiveFields.of(p) != null && (p instanceof UnaryPrimitive || p instanceof BinaryPrimitive)) {
                BY_CODE[p.code()] = Specializer.specialize(
                        p instanceof UnaryPrimitive ? UnaryLoops.class : BinaryLoops.class, p);
            } else {
                BY_CODE[p.code()] = new GeneralLoops(p);
            }
        }
    }

    /** The lifted kernel of a scalar primitive. */
    public static Lifted of(Primitive p) {
        Lifted k = p.code() < BY_CODE.length ? BY_CODE[p.code()] : null;
        if (k == null) {
            throw new dev.leibniz.core.GraphException("primitive '" + p.name() + "' cannot be applied elementwise");
        }
        return k;
    }

    static int rowStride(dev.leibniz.core.Shape s) {
        return s.rows() == 1 ? 0 : s.cols();
    }

    static int colStride(dev.leibniz.core.Shape s) {
        return s.cols() == 1 ? 0 : 1;
    }
}
