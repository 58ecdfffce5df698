package dev.leibniz.core.expr;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The syntax tree of one expression, as {@link ExpressionParser#syntax(String)} reads it from
 * text: what was written, before any name is resolved or any node is built. Every node remembers
 * the 1-based column where it starts, so errors found later (an unknown name, a call with the
 * wrong number of arguments, a name a model-file line may not use) still point at it.
 *
 * <p>The tree is turned into graph nodes by {@link Expressions#lower}; a model-file reader walks it
 * first to check names and find the order of its definitions. Literals stay literals (a negated or
 * parenthesised number is folded into one {@link Num}), so {@code x^-2} and {@code pow(x, 2)} can
 * see an integer exponent.
 */
public sealed interface Syntax {
    /** 1-based column of the first character of this subexpression. */
    int column();

    /** A numeric literal (a leading minus already folded in). */
    record Num(double value, int column) implements Syntax {
    }

    /** A name: a variable, or one of the constants {@code pi}, {@code e}, {@code inf}. */
    record Name(String name, int column) implements Syntax {
    }

    /** Unary minus. */
    record Neg(Syntax operand, int column) implements Syntax {
    }

    /** {@code left op right} with op one of {@code + - * / ^}. */
    record Binary(char op, Syntax left, Syntax right, int column) implements Syntax {
    }

    /** {@code left op right} with op one of {@code < <= > >= ==} (value 1 or 0). */
    record Compare(String op, Syntax left, Syntax right, int column) implements Syntax {
    }

    /** {@code function(args)}; the function is looked up in the {@link FunctionTable} when lowered. */
    record Call(String function, List<Syntax> args, int column) implements Syntax {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Calls {@code action} on every {@link Name} of {@code e}, left to right (without recursion, so any depth is fine). */
    static void forEachName(Syntax e, Consumer<Name> action) {
        forEach(e, Name.class, action);
    }

    /** Calls {@code action} on every {@link Call} of {@code e}, outer calls before the calls in their arguments. */
    static void forEachCall(Syntax e, Consumer<Call> action) {
        forEach(e, Call.class, action);
    }

    private static <T extends Syntax> void forEach(Syntax e, Class<T> type, Consumer<T> action) {
        ArrayDeque<Syntax> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Syntax s = todo.pop();
            if (type.isInstance(s)) {
                action.accept(type.cast(s));
            }
            if (s instanceof Neg n) {
                todo.push(n.operand());
            } else if (s instanceof Binary b) {
                todo.push(b.right());
                todo.push(b.left());
            } else if (s instanceof Compare c) {
                todo.push(c.right());
                todo.push(c.left());
            } else if (s instanceof Call c) {
                for (int i = c.args().size() - 1; i >= 0; i--) {
                    todo.push(c.args().get(i));
                }
            }
        }
    }
}
