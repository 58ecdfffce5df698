package dev.leibniz.core.expr;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The functions an expression may call: every primitive of {@link Primitives#all()} by its
 * registered name ({@code sin}, {@code max}, {@code select}, {@code logsumexp}, {@code lt}, …),
 * except the leaves {@code input} and {@code const}, and {@code softmax_xent}, whose target class
 * is an integer parameter rather than an argument. Two names need the parser's help:
 * {@code pow(x, n)} with an integer literal {@code n} becomes the exact integer power
 * ({@code powi}), like {@code x^n}; {@code powi(x, n)} insists on that literal.
 */
final class Functions {
    private Functions() {
    }

    /** Names of primitives that exist but cannot be called from an expression. */
    private static final Set<String> HIDDEN = Set.of("input", "const", "softmax_xent", "mulz");

    /** Largest |n| for which an integer literal exponent becomes {@code powi} (as {@link Var#pow(double)}). */
    static final int MAX_INTEGER_EXPONENT = 1024;

    static boolean isFunction(String name) {
        return Primitives.exists(name) && !HIDDEN.contains(name);
    }

    /** The callable names, in the registry's order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (!HIDDEN.contains(p.name())) {
                names.add(p.name());
            }
        }
        return names;
    }

    /**
     * Appends {@code name(args)} to the builder.
     *
     * @param call the token of the function name, for the column of an error
     */
    static Var call(Token call, List<Operand> args, GraphBuilder b) {
        String name = call.text();
        if (!isFunction(name)) {
            if (name.equals("softmax_xent")) {
                throw ExpressionSyntaxException.at(call.column(), "a function usable in an expression",
                        "'softmax_xent' cannot be called from an expression (its target class is not an argument); "
                                + "use Var.softmaxCrossEntropy");
            }
            throw ExpressionSyntaxException.at(call.column(), "a known function", "unknown function '" + name
                    + "'" + suggestion(name) + " (known: " + String.join(", ", names()) + ")");
        }
        Primitive p = Primitives.byName(name);
        // powi is unary with the exponent as its parameter; in text the exponent is a second argument
        checkArity(call, name.equals("powi") ? 2 : p.arity(), args.size());
        if (name.equals("pow")) {
            return power(args.get(0).toVar(b), args.get(1), b);
        }
        if (name.equals("powi")) {
            Operand n = args.get(1);
            if (!isIntegerLiteral(n)) {
                throw ExpressionSyntaxException.at(n.column(), "an integer literal exponent",
                        "'powi' needs an integer literal exponent with |n| <= " + MAX_INTEGER_EXPONENT
                                + ", e.g. powi(x, 3); use pow or ^ for other exponents");
            }
            return args.get(0).toVar(b).pow((int) n.literal());
        }
        Var[] vars = new Var[args.size()];
        for (int k = 0; k < vars.length; k++) {
            vars[k] = args.get(k).toVar(b);
        }
        return b.apply(p, vars);
    }

    /** base^exponent: an integer literal exponent gives the exact {@code powi}, others {@code pow}. */
    static Var power(Var base, Operand exponent, GraphBuilder b) {
        if (exponent.isLiteral()) {
            return base.pow(exponent.literal());
        }
        return base.pow(exponent.toVar(b));
    }

    private static boolean isIntegerLiteral(Operand o) {
        return o.isLiteral() && o.literal() == Math.rint(o.literal()) && Math.abs(o.literal()) <= MAX_INTEGER_EXPONENT;
    }

    private static void checkArity(Token call, int arity, int got) {
        boolean ok = arity >= 0 ? got == arity : got >= 1;
        if (!ok) {
            String takes = arity >= 0 ? arity + " argument" + (arity == 1 ? "" : "s") : "at least 1 argument";
            throw ExpressionSyntaxException.at(call.column(), takes, "'" + call.text() + "' takes " + takes + ", got " + got);
        }
    }

    /** {@code "; did you mean 'sin'?"} when a function name is within a small edit distance, else "". */
    private static String suggestion(String name) {
        return dev.leibniz.core.Suggestions.didYouMean(name, names());
    }
}
