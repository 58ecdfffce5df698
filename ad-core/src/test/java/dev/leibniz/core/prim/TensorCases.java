package dev.leibniz.core.prim;

import dev.leibniz.core.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one table the matrix-primitive contract tests run over: for every primitive of
 * {@link Primitives#tensorPrimitives()}, one or more valid configurations (argument shapes,
 * parameter, how to draw values) and one configuration whose shapes it must reject.
 */
public final class TensorCases {
    private TensorCases() {
    }

    /** One configuration of a primitive. {@code integer[k]}: argument k holds class indices in [0, classes). */
    public record Case(TensorPrimitive p, String label, Shape[] shapes, double param, int[] classes) {
        public int arity() {
            return shapes.length;
        }

        /** Draws argument values: uniform in [−2, 2], class indices where the argument holds them. */
        public double[][] sample(SplittableRandom r) {
            double[][] x = new double[shapes.length][];
            for (int k = 0; k < shapes.length; k++) {
                x[k] = new double[shapes[k].size()];
                for (int e = 0; e < x[k].length; e++) {
                    x[k][e] = classes[k] > 0 ? r.nextInt(classes[k]) : r.nextDouble(-2, 2);
                }
            }
            return x;
        }

        /** Whether argument k is continuous (differentiable); class indices are not. */
        public boolean continuous(int k) {
            return classes[k] == 0;
        }

        @Override
        public String toString() {
            return p.name() + " " + label;
        }
    }

    /** A configuration that must fail with a ShapeException whose message names these shapes. */
    public record Bad(TensorPrimitive p, Shape[] shapes, double param) {
        @Override
        public String toString() {
            return p.name() + " " + Arrays.toString(shapes);
        }
    }

    private static final List<Case> CASES = new ArrayList<>();
    private static final List<Bad> BAD = new ArrayList<>();

    static Shape s(int r, int c) {
        return new Shape(r, c);
    }

    private static void ok(TensorPrimitive p, String label, double param, Shape... shapes) {
        CASES.add(new Case(p, label, shapes, param, new int[shapes.length]));
    }

    private static void bad(TensorPrimitive p, double param, Shape... shapes) {
        BAD.add(new Bad(p, shapes, param));
    }

    static {
        ok(LinearAlgebra.MATMUL, "matrix·matrix", 0, s(2, 3), s(3, 4));
        ok(LinearAlgebra.MATMUL, "matrix·vector", 0, s(3, 2), s(2, 1));
        ok(LinearAlgebra.MATMUL, "row·matrix", 0, s(1, 3), s(3, 2));
        bad(LinearAlgebra.MATMUL, 0, s(2, 3), s(4, 5));

        ok(LinearAlgebra.TRANSPOSE, "2x3", 0, s(2, 3));
        ok(LinearAlgebra.TRANSPOSE, "column", 0, s(4, 1));

        ok(Shaping.RESHAPE, "2x3 to 3x2", Shapes.pack(3, 2), s(2, 3));
        ok(Shaping.RESHAPE, "2x3 to 6x1", Shapes.pack(6, 1), s(2, 3));
        bad(Shaping.RESHAPE, Shapes.pack(4, 2), s(2, 3));

        ok(Shaping.SLICE_ROWS, "rows 1:3 of 4", Shapes.pack(1, 3), s(4, 3));
        ok(Shaping.SLICE_ROWS, "rows 0:1 of 3", Shapes.pack(0, 1), s(3, 2));
        bad(Shaping.SLICE_ROWS, Shapes.pack(2, 5), s(4, 3));

        ok(Shaping.SLICE_COLS, "cols 1:4 of 5", Shapes.pack(1, 4), s(3, 5));
        ok(Shaping.SLICE_COLS, "cols 2:4 of 4", Shapes.pack(2, 4), s(2, 4));
        bad(Shaping.SLICE_COLS, Shapes.pack(3, 3), s(2, 4));

        ok(Shaping.CONCAT, "axis 0", 0, s(2, 3), s(1, 3), s(3, 3));
        ok(Shaping.CONCAT, "axis 1", 1, s(2, 1), s(2, 3));
        bad(Shaping.CONCAT, 0, s(2, 3), s(2, 4));

        ok(Shaping.ROLL, "rows by 1 of 4", Shapes.pack(1, 0), s(4, 3));
        ok(Shaping.ROLL, "columns by 3 of 5", Shapes.pack(3, 1), s(3, 5));
        ok(Shaping.ROLL, "columns by 7 of 3 (beyond the extent)", Shapes.pack(7, 1), s(2, 3));
        bad(Shaping.ROLL, Shapes.pack(1, 2), s(3, 4));

        ok(Shaping.BROADCAST_TO, "row to 4x3", Shapes.pack(4, 3), s(1, 3));
        ok(Shaping.BROADCAST_TO, "column to 2x3", Shapes.pack(2, 3), s(2, 1));
        ok(Shaping.BROADCAST_TO, "scalar to 2x2", Shapes.pack(2, 2), s(1, 1));
        bad(Shaping.BROADCAST_TO, Shapes.pack(4, 3), s(2, 3));

        ok(Shaping.SUM_TO, "column sums", Shapes.pack(1, 4), s(3, 4));
        ok(Shaping.SUM_TO, "row sums", Shapes.pack(3, 1), s(3, 4));
        ok(Shaping.SUM_TO, "total", Shapes.pack(1, 1), s(3, 4));
        bad(Shaping.SUM_TO, Shapes.pack(2, 1), s(3, 4));

        ok(Softmax.SOFTMAX, "along rows", 1, s(3, 4));
        ok(Softmax.SOFTMAX, "along columns", 0, s(3, 4));
        ok(Softmax.LOGSUMEXP, "along rows", 1, s(3, 4));
        ok(Softmax.LOGSUMEXP, "along columns", 0, s(2, 5));

        CASES.add(new Case(Softmax.CROSS_ENTROPY, "3 rows, 4 classes", new Shape[] {s(3, 4), s(3, 1)}, 0,
                new int[] {0, 4}));
        bad(Softmax.CROSS_ENTROPY, 0, s(3, 4), s(1, 3));
        CASES.add(new Case(Softmax.ONE_HOT, "3 rows, 4 classes", new Shape[] {s(3, 1)}, 4, new int[] {4}));
        bad(Softmax.ONE_HOT, 4, s(1, 3));

        ok(StrongZero.ZERO_IF_ZERO, "2x3 decides for 3x2", 0, s(2, 3), s(3, 2));
        ok(StrongZero.ZERO_IF_ZERO, "same shape", 0, s(2, 2), s(2, 2));
    }

    public static List<Case> cases() {
        return CASES;
    }

    public static List<Bad> badShapes() {
        return BAD;
    }
}
