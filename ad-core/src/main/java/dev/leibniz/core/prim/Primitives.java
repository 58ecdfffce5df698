package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of all primitives. Codes are dense indices, stored per node in compact tapes;
 * names are those printed in listings and accepted by the expression parser.
 */
public final class Primitives {
    private Primitives() {
    }

    private static final List<Primitive> ALL = new ArrayList<>();
    private static final Map<String, Primitive> BY_NAME = new LinkedHashMap<>();

    static {
        register(Leaves.INPUT, Leaves.CONSTANT,
                Arithmetic.ADD, Arithmetic.SUB, Arithmetic.MUL, Arithmetic.MULZ, Arithmetic.DIV, Arithmetic.NEG,
                Arithmetic.SQUARE, Arithmetic.POWI, Arithmetic.POW,
                Elementary.SQRT, Elementary.EXP, Elementary.LOG, Elementary.LOG1P, Elementary.EXPM1,
                Elementary.SIN, Elementary.COS, Elementary.TAN, Elementary.TANH,
                Elementary.SIGMOID, Elementary.SOFTPLUS,
                Kinks.RELU, Kinks.ABS, Kinks.MAX, Kinks.MIN, Kinks.HYPOT,
                Kinks.STEP, Kinks.SIGN, Kinks.TIESTEP,
                Comparisons.LT, Comparisons.LE, Comparisons.GT, Comparisons.GE, Comparisons.EQ,
                Comparisons.SELECT,
                Reductions.LOGSUMEXP, Reductions.SOFTMAX_CROSS_ENTROPY,
                Trigonometric.ASIN, Trigonometric.ACOS, Trigonometric.ATAN, Trigonometric.ATAN2,
                Hyperbolic.SINH, Hyperbolic.COSH, Hyperbolic.ASINH, Hyperbolic.ACOSH, Hyperbolic.ATANH,
                Special.ERF, Special.ERFC, Special.CBRT, Special.LOG10);
    }

    private static void register(Primitive... primitives) {
        for (Primitive p : primitives) {
            p.assignCode(ALL.size());
            ALL.add(p);
            BY_NAME.put(p.name(), p);
        }
    }

    /** Every primitive, in code order. The contract tests run over this list. */
    public static List<Primitive> all() {
        return Collections.unmodifiableList(ALL);
    }

    public static Primitive byCode(int code) {
        return ALL.get(code);
    }

    /** The primitive with this name, or a {@link GraphException} listing the known names. */
    public static Primitive byName(String name) {
        Primitive p = BY_NAME.get(name);
        if (p == null) {
            throw new GraphException("unknown primitive '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
        }
        return p;
    }

    /** True if a primitive of this name exists. */
    public static boolean exists(String name) {
        return BY_NAME.containsKey(name);
    }

    // ---------------------------------------------------------------- matrix-valued primitives

    private static final List<TensorPrimitive> TENSOR = List.of(
            LinearAlgebra.MATMUL, LinearAlgebra.TRANSPOSE,
            Shaping.RESHAPE, Shaping.SLICE_ROWS, Shaping.SLICE_COLS, Shaping.CONCAT, Shaping.ROLL,
            Shaping.BROADCAST_TO, Shaping.SUM_TO,
            Softmax.SOFTMAX, Softmax.LOGSUMEXP, Softmax.CROSS_ENTROPY, Softmax.ONE_HOT,
            StrongZero.ZERO_IF_ZERO);

    static {
        register(TensorConstant.MATRIX);
        register(TENSOR.toArray(new Primitive[0]));
    }

    /** The primitives on whole matrices (a subset of {@link #all()}); their contract tests run over this list. */
    public static List<TensorPrimitive> tensorPrimitives() {
        return TENSOR;
    }

    /**
     * The primitives on scalars (everything but the matrix primitives and the matrix constant):
     * the table of the scalar contract tests. Each of them also applies to matrices elementwise.
     */
    public static List<Primitive> scalarPrimitives() {
        List<Primitive> out = new ArrayList<>();
        for (Primitive p : ALL) {
            if (!(p instanceof TensorPrimitive) && p != TensorConstant.MATRIX) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
