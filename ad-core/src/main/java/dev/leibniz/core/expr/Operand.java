package dev.leibniz.core.expr;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;

/**
 * A parsed subexpression: either a graph variable, or a numeric literal not yet turned into a
 * constant node. Keeping literals apart lets {@code x^-2} and {@code pow(x, 2)} see an integer
 * literal exponent (and use the exact integer power), and folds {@code -3} into one constant
 * rather than {@code neg(const 3)}.
 */
record Operand(Var var, double literal, int column) {

    static Operand of(Var v, int column) {
        return new Operand(v, 0.0, column);
    }

    static Operand literal(double value, int column) {
        return new Operand(null, value, column);
    }

    boolean isLiteral() {
        return var == null;
    }

    /** The variable, creating the constant node of a literal when first needed. */
    Var toVar(GraphBuilder b) {
        return var != null ? var : b.constant(literal);
    }
}
