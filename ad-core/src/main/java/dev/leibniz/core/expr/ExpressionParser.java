package dev.leibniz.core.expr;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser from text to graph nodes, appended to a {@link GraphBuilder}. One
 * method per rule of the grammar, lowest precedence first:
 *
 * <pre>
 * list       := comparison (';' comparison)* [';']
 * comparison := additive [('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==') additive]     (1 or 0; does not chain)
 * additive   := term (('+' | '-') term)*                                       (left-associative)
 * term       := unary (('*' | '/') unary)*                                     (left-associative)
 * unary      := '-' unary | power
 * power      := primary ['^' unary]                      (right-associative: 2^3^2 = 2^9, -x^2 = -(x^2))
 * primary    := NUMBER | NAME | NAME '(' [comparison (',' comparison)*] ')' | '(' comparison ')'
 * </pre>
 *
 * A name followed by {@code (} is a function (see {@link Functions}); otherwise it is a
 * variable from the environment, or the constant {@code pi} or {@code e} unless a variable of
 * that name exists. With {@code declareUnknown}, any other name becomes a new input of the
 * builder on its first appearance; without it, an unknown name is an error listing the
 * variables. Every error is an {@link ExpressionSyntaxException} with the column; nesting deeper
 * than {@value #MAX_DEPTH} levels is an error too, rather than a stack overflow.
 *
 * <p>A parse that fails part-way leaves the nodes it had appended in the builder (unused, so
 * dead code) and, with {@code declareUnknown}, the inputs it had declared.
 */
public final class ExpressionParser {
    /** Deepest nesting of parentheses, unary minus, exponents and calls accepted. */
    public static final int MAX_DEPTH = 200;

    private final GraphBuilder builder;
    private final Map<String, Var> variables;
    private final boolean declareUnknown;

    private List<Token> tokens;
    private int pos;
    private int depth;

    /**
     * @param builder        where the nodes are appended (tracing or recording)
     * @param variables      the names an expression may use, with their variables in {@code builder}
     * @param declareUnknown whether an unknown name becomes a new input of {@code builder}
     *                       (needs a tracing builder, since a recorded input needs a value)
     */
    public ExpressionParser(GraphBuilder builder, Map<String, Var> variables, boolean declareUnknown) {
        if (builder == null) {
            throw new GraphException("the expression parser needs a graph builder, got null");
        }
        if (variables == null) {
            throw new GraphException("the expression parser needs a map of variables (possibly empty), got null");
        }
        if (declareUnknown && builder.isRecording()) {
            throw new GraphException("a recording builder cannot declare inputs on first use (they need values); "
                    + "pass every variable in the map");
        }
        this.builder = builder;
        this.variables = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : variables.entrySet()) {
            String name = e.getKey();
            if (!Expressions.isValidName(name)) {
                throw new GraphException("'" + name + "' cannot be a variable of an expression: a name is a letter or '_' "
                        + "followed by letters, digits or '_'");
            }
            if (e.getValue() == null) {
                throw new GraphException("variable '" + name + "' is null");
            }
            if (e.getValue().graph() != builder) {
                throw new GraphException("variable '" + name + "' belongs to another graph than the builder");
            }
            this.variables.put(name, e.getValue());
        }
        this.declareUnknown = declareUnknown;
    }

    /** The variable names known so far (given, then declared on first use), in order. */
    public List<String> variableNames() {
        return List.copyOf(variables.keySet());
    }

    /** Parses one expression and returns its variable. */
    public Var parse(String text) {
        start(text);
        Operand result = comparison();
        if (!peek().is(Token.Kind.END)) {
            Token t = peek();
            throw ExpressionSyntaxException.expected(t.column(), "an operator or end of input", t.describe());
        }
        return result.toVar(builder);
    }

    /** Parses {@code ;}-separated expressions (a trailing {@code ;} is allowed), one variable each. */
    public List<Var> parseAll(String text) {
        start(text);
        List<Var> out = new ArrayList<>();
        while (true) {
            out.add(comparison().toVar(builder));
            Token t = peek();
            if (t.is(Token.Kind.END)) {
                return out;
            }
            if (!t.is(Token.Kind.SEMICOLON)) {
                throw ExpressionSyntaxException.expected(t.column(), "an operator, ';' or end of input", t.describe());
            }
            pos++;
            if (peek().is(Token.Kind.END)) {
                return out;
            }
        }
    }

    private void start(String text) {
        if (text == null) {
            throw ExpressionSyntaxException.at(1, "an expression", "no expression text (null)");
        }
        tokens = Tokenizer.tokenize(text);
        pos = 0;
        depth = 0;
        if (peek().is(Token.Kind.END)) {
            throw ExpressionSyntaxException.at(1, "an expression", "empty input: expected an expression");
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (!t.is(Token.Kind.END)) {
            pos++;
        }
        return t;
    }

    private Token expect(Token.Kind kind, String what) {
        Token t = peek();
        if (!t.is(kind)) {
            throw ExpressionSyntaxException.expected(t.column(), what, t.describe());
        }
        return next();
    }

    private Operand comparison() {
        Operand left = additive();
        if (!peek().isComparison()) {
            return left;
        }
        Token op = next();
        Var a = left.toVar(builder);
        Var b = additive().toVar(builder);
        Var r = switch (op.kind()) {
            case LT -> a.lt(b);
            case LE -> a.le(b);
            case GT -> a.gt(b);
            case GE -> a.ge(b);
            default -> a.eq(b);
        };
        if (peek().isComparison()) {
            throw ExpressionSyntaxException.at(peek().column(), "an operator or end of input",
                    "comparisons do not chain: write (a < b)*(b < c) rather than a < b < c");
        }
        return Operand.of(r, left.column());
    }

    private Operand additive() {
        Operand left = term();
        while (peek().is(Token.Kind.PLUS) || peek().is(Token.Kind.MINUS)) {
            boolean plus = next().is(Token.Kind.PLUS);
            Var a = left.toVar(builder);
            Var b = term().toVar(builder);
            left = Operand.of(plus ? a.add(b) : a.sub(b), left.column());
        }
        return left;
    }

    private Operand term() {
        Operand left = unary();
        while (peek().is(Token.Kind.STAR) || peek().is(Token.Kind.SLASH)) {
            boolean times = next().is(Token.Kind.STAR);
            Var a = left.toVar(builder);
            Var b = unary().toVar(builder);
            left = Operand.of(times ? a.mul(b) : a.div(b), left.column());
        }
        return left;
    }

    /** Every recursive path passes through here, so this is where the nesting depth is bounded. */
    private Operand unary() {
        if (++depth > MAX_DEPTH) {
            throw ExpressionSyntaxException.at(peek().column(), "a shallower expression",
                    "expression nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        try {
            if (peek().is(Token.Kind.MINUS)) {
                Token minus = next();
                Operand o = unary();
                return o.isLiteral() ? Operand.literal(-o.literal(), minus.column())
                        : Operand.of(o.var().neg(), minus.column());
            }
            return power();
        } finally {
            depth--;
        }
    }

    private Operand power() {
        Operand base = primary();
        if (!peek().is(Token.Kind.CARET)) {
            return base;
        }
        next();
        Var b = base.toVar(builder);
        Operand exponent = unary();
        return Operand.of(Functions.power(b, exponent, builder), base.column());
    }

    private Operand primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return Operand.literal(t.number(), t.column());
            case NAME:
                return peek().is(Token.Kind.LPAREN) ? call(t) : name(t);
            case LPAREN: {
                Operand inner = comparison();
                expect(Token.Kind.RPAREN, "')'");
                // a parenthesised literal stays a literal: x^(-2) is the exact integer power too
                return new Operand(inner.var(), inner.literal(), t.column());
            }
            default:
                throw ExpressionSyntaxException.expected(t.column(), "a number, a name or '('", t.describe());
        }
    }

    private Operand call(Token name) {
        if (!Functions.isFunction(name.text())) {
            if (variables.containsKey(name.text())) {
                throw ExpressionSyntaxException.at(name.column(), "an operator",
                        "'" + name.text() + "' is a variable, not a function; write " + name.text()
                                + "*(...) to multiply (there is no implicit multiplication)");
            }
            Functions.call(name, List.of(), builder); // throws the unknown-function error
        }
        expect(Token.Kind.LPAREN, "'('");
        List<Operand> args = new ArrayList<>();
        if (peek().is(Token.Kind.RPAREN)) {
            next();
        } else {
            while (true) {
                args.add(comparison());
                Token t = peek();
                if (t.is(Token.Kind.COMMA)) {
                    next();
                } else if (t.is(Token.Kind.RPAREN)) {
                    next();
                    break;
                } else {
                    throw ExpressionSyntaxException.expected(t.column(), "',' or ')'", t.describe());
                }
            }
        }
        return Operand.of(Functions.call(name, args, builder), name.column());
    }

    private Operand name(Token t) {
        String name = t.text();
        Var v = variables.get(name);
        if (v != null) {
            return Operand.of(v, t.column());
        }
        if (name.equals("pi")) {
            return Operand.literal(Math.PI, t.column());
        }
        if (name.equals("e")) {
            return Operand.literal(Math.E, t.column());
        }
        if (Functions.isFunction(name)) {
            throw ExpressionSyntaxException.at(t.column(), "'('", "'" + name + "' is a function: expected '(' after it");
        }
        if (declareUnknown) {
            v = builder.input(name);
            variables.put(name, v);
            return Operand.of(v, t.column());
        }
        throw new ExpressionSyntaxException("unknown variable '" + name + "' at column " + t.column() + "; variables are "
                + variables.keySet(), t.column(), "a variable");
    }
}
