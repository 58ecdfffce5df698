package dev.leibniz.models.spec;

import java.util.List;
import java.util.Set;

/**
 * The syntax tree of a model-file expression. Each node remembers where it was written, so
 * errors found after parsing (unknown names, names not allowed in this kind of line, circular
 * definitions) still point at the exact column.
 */
public sealed interface Expr {
    Position position();

    /** A numeric literal. */
    record Literal(double value, Position position) implements Expr {
    }

    /** A reference to {@code t}, a const, param, state or output. */
    record Name(String name, Position position) implements Expr {
    }

    /** Unary minus. */
    record Negate(Expr operand, Position position) implements Expr {
    }

    /** {@code left op right} with op one of {@code + - * / ^}. */
    record Binary(char op, Expr left, Expr right, Position position) implements Expr {
    }

    /** A function call {@code name(args)}; the function is an ad-core primitive (see {@link Functions}). */
    record Call(String function, List<Expr> args, Position position) implements Expr {
    }

    /** Adds every name this expression refers to (not function names) to {@code out}. */
    static void collectNames(Expr e, Set<String> out) {
        forEachName(e, n -> out.add(n.name()));
    }

    /** Calls {@code action} on every {@link Name} node, left to right. */
    static void forEachName(Expr e, java.util.function.Consumer<Name> action) {
        if (e instanceof Name n) {
            action.accept(n);
        } else if (e instanceof Negate neg) {
            forEachName(neg.operand(), action);
        } else if (e instanceof Binary b) {
            forEachName(b.left(), action);
            forEachName(b.right(), action);
        } else if (e instanceof Call c) {
            c.args().forEach(a -> forEachName(a, action));
        }
    }
}
