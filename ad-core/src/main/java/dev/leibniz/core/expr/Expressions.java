package dev.leibniz.core.expr;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expressions from text: {@code Expressions.parse("sin(x^2)*exp(x)")} is the graph of
 * {@code f(x) = sin(x²)·eˣ}, the same graph {@link Graph#trace} builds from the Java lambda
 * {@code v -> v[0].square().sin().mul(v[0].exp())} up to the choice of {@code powi 2} vs
 * {@code square}.
 *
 * <p>This is the one expression language of Leibniz: the command line's {@code grad},
 * {@code graph} and {@code jacobian} and the right-hand sides of model files read the same
 * grammar ({@link ExpressionParser}) and call the same functions ({@link FunctionTable}); both are
 * documented in docs/expressions.md. In short: numbers ({@code 2}, {@code .5}, {@code 1e-3}),
 * names, {@code + - * / ^}, unary {@code -} and {@code +}, parentheses, comparisons
 * {@code < <= > >= ==} (value 1 or 0, lowest precedence, for {@code select(x > 0, a, b)}), every
 * scalar primitive by name, and the constants {@code pi}, {@code e}, {@code inf} unless declared as
 * variables. {@code ^} binds tighter than unary minus and to the right: {@code -x^2 = -(x²)},
 * {@code 2^3^2 = 2⁹}. An integer literal exponent ({@code x^3}, {@code pow(x, -2)}) uses the exact
 * integer power, defined for negative x.
 *
 * <p>Every error is an {@link ExpressionSyntaxException} naming the column, e.g.
 * {@code column 7: expected ')' but found '+'}.
 */
public final class Expressions {
    private Expressions() {
    }

    /** The output name of a single-expression graph. */
    public static final String OUTPUT = "f";

    /** A graph with one output {@code f}; its inputs are the names used, in order of first appearance. */
    public static Graph parse(String text) {
        GraphBuilder b = GraphBuilder.tracing();
        Var f = new ExpressionParser(b, Map.of(), true).parse(text);
        return b.build(OUTPUT, f);
    }

    /**
     * A graph with one output {@code f} and exactly the given inputs, in that order (an input the
     * expression does not use gets an absent gradient). Any other name is an error listing them.
     */
    public static Graph parse(String text, List<String> variables) {
        GraphBuilder b = GraphBuilder.tracing();
        Var f = new ExpressionParser(b, declare(b, variables), false).parse(text);
        return b.build(OUTPUT, f);
    }

    /** {@code ;}-separated expressions as one graph with outputs {@code f1, f2, …}; inputs by first appearance. */
    public static Graph parseAll(String text) {
        GraphBuilder b = GraphBuilder.tracing();
        return buildNumbered(b, new ExpressionParser(b, Map.of(), true).parseAll(text));
    }

    /** {@code ;}-separated expressions over exactly the given inputs, outputs {@code f1, f2, …}. */
    public static Graph parseAll(String text, List<String> variables) {
        GraphBuilder b = GraphBuilder.tracing();
        return buildNumbered(b, new ExpressionParser(b, declare(b, variables), false).parseAll(text));
    }

    /**
     * Appends the expression to an existing builder, reading names from {@code env} (variables of
     * that builder); an unknown name is an error. Works for tracing and recording builders alike,
     * so a model-file reader can mix parsed expressions with nodes of its own.
     */
    public static Var parseInto(String text, Map<String, Var> env, GraphBuilder builder) {
        return new ExpressionParser(builder, env, false).parse(text);
    }

    /** The function names an expression may call (see {@link FunctionTable}). */
    public static List<String> functionNames() {
        return FunctionTable.names();
    }

    /** The syntax tree of one expression, for a reader that resolves names itself (see {@link #lower}). */
    public static Syntax syntax(String text) {
        return ExpressionParser.syntax(text);
    }

    /**
     * Appends the nodes of a syntax tree to {@code builder}. A name is the variable
     * {@code variables} returns for it; where that is null, a constant ({@code pi}, {@code e},
     * {@code inf}), else an {@link ExpressionSyntaxException} naming it and its column. Calls are
     * checked against the {@link FunctionTable} first.
     */
    public static Var lower(Syntax tree, GraphBuilder builder, java.util.function.Function<String, Var> variables) {
        if (tree == null || builder == null || variables == null) {
            throw new GraphException("Expressions.lower needs a syntax tree, a builder and a variable lookup, got "
                    + (tree == null ? "no tree" : builder == null ? "no builder" : "no lookup"));
        }
        return Lowering.lower(tree, builder, new Lowering.Names() {
            @Override
            public Var variable(String name) {
                return variables.apply(name);
            }

            @Override
            public Var unknown(Syntax.Name n) {
                throw new ExpressionSyntaxException("unknown variable '" + n.name() + "' at column " + n.column(),
                        n.column(), "a variable");
            }
        });
    }

    /** Whether {@code name} can be a variable: a letter or '_' followed by letters, digits or '_'. */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Var> declare(GraphBuilder b, List<String> variables) {
        if (variables == null) {
            throw new GraphException("the list of variables is null");
        }
        Map<String, Var> env = new LinkedHashMap<>();
        for (String name : variables) {
            if (!isValidName(name)) {
                throw new GraphException("'" + name + "' cannot be a variable of an expression: a name is a letter or '_' "
                        + "followed by letters, digits or '_'");
            }
            if (env.containsKey(name)) {
                throw new GraphException("variable '" + name + "' is listed twice in " + variables);
            }
            env.put(name, b.input(name));
        }
        return env;
    }

    private static Graph buildNumbered(GraphBuilder b, List<Var> outputs) {
        Map<String, Var> named = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            named.put(OUTPUT + (i + 1), outputs.get(i));
        }
        return b.build(named);
    }
}
