package dev.leibniz.core.expr;

import dev.leibniz.core.internal.Suggestions;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of what an expression may call and name — for {@code leibniz grad}/{@code graph}/
 * {@code jacobian}, {@link Expressions} and model files alike (documented in docs/expressions.md):
 *
 * <ul>
 *   <li><b>Functions</b>: every scalar primitive of {@link Primitives} by its registered name
 *       ({@code sin}, {@code atan2}, {@code erf}, {@code max}, {@code select}, {@code logsumexp},
 *       {@code lt}, …), read from the registry, so a new primitive is callable without a change
 *       here. Not callable: the leaves {@code input} and {@code const}, the strong-zero product
 *       {@code mulz} of derivative graphs, and {@code softmax_xent}, whose target class is a
 *       parameter rather than an argument.</li>
 *   <li><b>How a call becomes nodes</b>: one node of the primitive, except {@code pow(x, n)} with
 *       an integer literal {@code n} (|n| ≤ {@value #MAX_INTEGER_EXPONENT}), which becomes the exact
 *       integer power {@code powi} like {@code x^n}, and {@code powi(x, n)}, which is written with
 *       two arguments (the primitive has one, and the exponent as its parameter) and insists on that
 *       literal.</li>
 *   <li><b>Constants</b>: {@code pi}, {@code e} and {@code inf}, unless a variable of that name
 *       exists.</li>
 * </ul>
 */
public final class FunctionTable {
    private FunctionTable() {
    }

    /** Largest |n| for which an integer literal exponent becomes {@code powi} (as {@link Var#pow(double)}). */
    public static final int MAX_INTEGER_EXPONENT = 1024;

    /** Registered primitives that cannot be called from an expression. */
    private static final Set<String> HIDDEN = Set.of("input", "const", "softmax_xent", "mulz", "zero_if_zero");

    private static final Map<String, Double> CONSTANTS = new LinkedHashMap<>();

    static {
        CONSTANTS.put("pi", Math.PI);
        CONSTANTS.put("e", Math.E);
        CONSTANTS.put("inf", Double.POSITIVE_INFINITY);
    }

    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (!HIDDEN.contains(p.name())) {
                names.add(p.name());
            }
        }
        NAMES = Collections.unmodifiableList(names);
    }

    /** The callable function names, in the registry's order. */
    public static List<String> names() {
        return NAMES;
    }

    public static boolean isFunction(String name) {
        return Primitives.exists(name) && !HIDDEN.contains(name);
    }

    /**
     * The number of arguments as written in text ({@code powi(x, n)}: 2), or −1 for a variadic
     * function ({@code logsumexp}, at least one argument).
     */
    public static int arity(String name) {
        requireFunction(name);
        return name.equals(Arithmetic.POWI.name()) ? 2 : Primitives.byName(name).arity();
    }

    /** The names that denote constants unless a variable has that name: {@code pi}, {@code e}, {@code inf}. */
    public static List<String> constantNames() {
        return List.copyOf(CONSTANTS.keySet());
    }

    /** The value of the constant {@code name}, or null when it is not one of {@link #constantNames()}. */
    public static Double constant(String name) {
        return CONSTANTS.get(name);
    }

    /**
     * Checks a call before any node is built: a known function, the right number of arguments,
     * and {@code powi}'s integer literal exponent. The error names the column of the call (of the
     * exponent, for {@code powi}).
     *
     * @throws ExpressionSyntaxException if the call is not valid
     */
    public static void check(Syntax.Call call) {
        String name = call.function();
        if (!isFunction(name)) {
            if (name.equals("softmax_xent")) {
                throw ExpressionSyntaxException.at(call.column(), "a function usable in an expression",
                        "'softmax_xent' cannot be called from an expression (its target class is not an argument); "
                                + "use Var.softmaxCrossEntropy");
            }
            throw ExpressionSyntaxException.at(call.column(), "a known function", "unknown function '" + name + "'"
                    + Suggestions.didYouMean(name, NAMES) + " (known: " + String.join(", ", NAMES) + ")");
        }
        int arity = arity(name);
        int got = call.args().size();
        if (arity >= 0 ? got != arity : got < 1) {
            String takes = arity >= 0 ? arity + " argument" + (arity == 1 ? "" : "s") : "at least 1 argument";
            throw ExpressionSyntaxException.at(call.column(), takes, "'" + name + "' takes " + takes + ", got " + got);
        }
        if (name.equals(Arithmetic.POWI.name()) && integerExponent(call.args().get(1)) == null) {
            throw ExpressionSyntaxException.at(call.args().get(1).column(), "an integer literal exponent",
                    "'powi' needs an integer literal exponent with |n| <= " + MAX_INTEGER_EXPONENT
                            + ", e.g. powi(x, 3); use pow or ^ for other exponents");
        }
    }

    /** Appends the nodes of a checked call. */
    static Var lower(Syntax.Call call, Lowering l) {
        check(call);
        String name = call.function();
        List<Syntax> args = call.args();
        if (name.equals(Arithmetic.POW.name())) {
            return l.power(l.lower(args.get(0)), args.get(1));
        }
        if (name.equals(Arithmetic.POWI.name())) {
            return l.lower(args.get(0)).pow(integerExponent(args.get(1)));
        }
        return l.apply(Primitives.byName(name), args);
    }

    /** The exponent of {@code powi}: an integer literal with |n| ≤ {@value #MAX_INTEGER_EXPONENT}, else null. */
    private static Integer integerExponent(Syntax s) {
        if (s instanceof Syntax.Num n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) <= MAX_INTEGER_EXPONENT) {
            return (int) n.value();
        }
        return null;
    }

    private static void requireFunction(String name) {
        if (!isFunction(name)) {
            throw new dev.leibniz.core.GraphException("'" + name + "' is not a function of expressions; known: "
                    + String.join(", ", NAMES));
        }
    }
}
