package dev.leibniz.core;

/**
 * The shape of a node's value: {@code rows × cols}, stored row-major. A scalar is {@code 1 × 1}.
 * Every node carries a shape so that matrix-valued primitives fit the same graph; the scalar
 * primitives of this module all produce {@link #SCALAR}.
 */
public record Shape(int rows, int cols) {
    public static final Shape SCALAR = new Shape(1, 1);

    public Shape {
        if (rows < 1 || cols < 1) {
            throw new GraphException("shape must have positive dimensions, got " + rows + "x" + cols);
        }
    }

    /** Number of elements. */
    public int size() {
        return rows * cols;
    }

    public boolean isScalar() {
        return rows == 1 && cols == 1;
    }

    /**
     * Written out rather than the record's generated equality (a call through a bootstrap method
     * handle that showed in profiles of recording: every broadcast and reshape compares shapes);
     * the same fields as the generated {@code hashCode}.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Shape s && rows == s.rows && cols == s.cols;
    }

    @Override
    public String toString() {
        return isScalar() ? "scalar" : rows + "x" + cols;
    }
}
