package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/** The leaves of a graph: named inputs and constants. They have no arguments and no rules. */
public final class Leaves {
    private Leaves() {
    }

    /** A named input; its parameter is the input's position in the graph's input list. */
    public static final Primitive INPUT = new Leaf("input", Primitive.Kind.INPUT) {
        @Override
        public String formatParam(double param) {
            return "#" + (int) param;
        }
    };

    /** A constant; its parameter is its value. */
    public static final Primitive CONSTANT = new Leaf("const", Primitive.Kind.CONSTANT) {
        @Override
        public double apply(double[] x, int n, double param, Subgradients policy) {
            return param;
        }

        @Override
        public String formatParam(double param) {
            return formatNumber(param);
        }
    };

    /** Prints integers without a trailing ".0" and other numbers in full precision. */
    public static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static class Leaf extends Primitive {
        private final Kind kind;

        Leaf(String name, Kind kind) {
            super(name, 0);
            this.kind = kind;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public boolean hasParam() {
            return true;
        }

        @Override
        public double apply(double[] x, int n, double param, Subgradients policy) {
            throw new GraphException("an input has no rule to evaluate; its value is given by the caller");
        }

        @Override
        public double partial(int k, double[] x, int n, double y, double param, Subgradients policy) {
            throw new GraphException("'" + name() + "' has no arguments");
        }

        @Override
        public Var partial(int k, Var[] x, Var y, double param) {
            throw new GraphException("'" + name() + "' has no arguments");
        }

        @Override
        public boolean savesInput(int k) {
            return false;
        }

        @Override
        public boolean savesOutput() {
            return false;
        }
    }
}
