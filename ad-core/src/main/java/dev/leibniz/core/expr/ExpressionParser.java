package dev.leibniz.core.expr;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one grammar of Leibniz expressions — {@code leibniz grad}/{@code graph}/{@code jacobian}
 * expressions, {@link Expressions}, and the right-hand sides of model files — as a
 * recursive-descent parser from text to a {@link Syntax} tree. One method per rule, lowest
 * precedence first:
 *
 * <pre>
 * list       := comparison (';' comparison)* [';']
 * comparison := additive [('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==') additive]     (1 or 0; does not chain)
 * additive   := term (('+' | '-') term)*                                       (left-associative)
 * term       := unary (('*' | '/') unary)*                                     (left-associative)
 * unary      := ('-' | '+') unary | power
 * power      := primary ['^' unary]                      (right-associative: 2^3^2 = 2^9, -x^2 = -(x^2))
 * primary    := NUMBER | NAME | NAME '(' [comparison (',' comparison)*] ')' | '(' comparison ')'
 * </pre>
 *
 * A name followed by {@code (} is a call of the {@link FunctionTable}; any other name is a
 * variable, or one of the constants {@code pi}, {@code e}, {@code inf} unless a variable of that
 * name exists. The tree is lowered to graph nodes by {@link Lowering}, which resolves the names:
 * an instance of this class parses and lowers in one call ({@link #parse}), with the variables it
 * was given; with {@code declareUnknown}, any other name becomes a new input of the builder on its
 * first appearance (left to right); without it, an unknown name is an error listing the
 * variables. Every error is an {@link ExpressionSyntaxException} with the column; nesting deeper
 * than {@value #MAX_DEPTH} levels is an error too, rather than a stack overflow. A syntax error
 * appends nothing to the builder (the whole text is parsed before any node is built).
 */
public final class ExpressionParser {
    /** Deepest nesting of parentheses, unary signs, exponents and calls accepted. */
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

    private ExpressionParser() {
        this.builder = null;
        this.variables = Map.of();
        this.declareUnknown = false;
    }

    /** The syntax tree of one expression; nothing is resolved or built yet. */
    public static Syntax syntax(String text) {
        ExpressionParser p = new ExpressionParser();
        p.start(text);
        Syntax result = p.comparison();
        if (!p.peek().is(Token.Kind.END)) {
            Token t = p.peek();
            throw ExpressionSyntaxException.expected(t.column(), "an operator or end of input", t.describe());
        }
        return result;
    }

    /** The syntax trees of {@code ;}-separated expressions (a trailing {@code ;} is allowed). */
    public static List<Syntax> syntaxList(String text) {
        ExpressionParser p = new ExpressionParser();
        p.start(text);
        List<Syntax> out = new ArrayList<>();
        while (true) {
            out.add(p.comparison());
            Token t = p.peek();
            if (t.is(Token.Kind.END)) {
                return out;
            }
            if (!t.is(Token.Kind.SEMICOLON)) {
                throw ExpressionSyntaxException.expected(t.column(), "an operator, ';' or end of input", t.describe());
            }
            p.pos++;
            if (p.peek().is(Token.Kind.END)) {
                return out;
            }
        }
    }

    /** The variable names known so far (given, then declared on first use), in order. */
    public List<String> variableNames() {
        return List.copyOf(variables.keySet());
    }

    /** Parses one expression and returns its variable. */
    public Var parse(String text) {
        return lower(syntax(text));
    }

    /** Parses {@code ;}-separated expressions (a trailing {@code ;} is allowed), one variable each. */
    public List<Var> parseAll(String text) {
        List<Var> out = new ArrayList<>();
        for (Syntax s : syntaxList(text)) {
            out.add(lower(s));
        }
        return out;
    }

    private Var lower(Syntax tree) {
        return Lowering.lower(tree, builder, new Lowering.Names() {
            @Override
            public Var variable(String name) {
                return variables.get(name);
            }

            @Override
            public Var unknown(Syntax.Name n) {
                if (declareUnknown) {
                    Var v = builder.input(n.name());
                    variables.put(n.name(), v);
                    return v;
                }
                throw new ExpressionSyntaxException("unknown variable '" + n.name() + "' at column " + n.column()
                        + "; variables are " + variables.keySet(), n.column(), "a variable");
            }
        });
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

    private Syntax comparison() {
        Syntax left = additive();
        if (!peek().isComparison()) {
            return left;
        }
        Token op = next();
        Syntax right = additive();
        if (peek().isComparison()) {
            throw ExpressionSyntaxException.at(peek().column(), "an operator or end of input",
                    "comparisons do not chain: write (a < b)*(b < c) rather than a < b < c");
        }
        return new Syntax.Compare(op.text(), left, right, left.column());
    }

    private Syntax additive() {
        Syntax left = term();
        while (peek().is(Token.Kind.PLUS) || peek().is(Token.Kind.MINUS)) {
            char op = next().text().charAt(0);
            left = new Syntax.Binary(op, left, term(), left.column());
        }
        return left;
    }

    private Syntax term() {
        Syntax left = unary();
        while (peek().is(Token.Kind.STAR) || peek().is(Token.Kind.SLASH)) {
            char op = next().text().charAt(0);
            left = new Syntax.Binary(op, left, unary(), left.column());
        }
        return left;
    }

    /** Every recursive path passes through here, so this is where the nesting depth is bounded. */
    private Syntax unary() {
        if (++depth > MAX_DEPTH) {
            throw ExpressionSyntaxException.at(peek().column(), "a shallower expression",
                    "expression nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        try {
            if (peek().is(Token.Kind.MINUS)) {
                Token minus = next();
                Syntax o = unary();
                // a negated literal stays a literal: x^-2 is the exact integer power, -3 one constant
                return o instanceof Syntax.Num n ? new Syntax.Num(-n.value(), minus.column())
                        : new Syntax.Neg(o, minus.column());
            }
            if (peek().is(Token.Kind.PLUS)) {
                next();
                return unary();
            }
            return power();
        } finally {
            depth--;
        }
    }

    private Syntax power() {
        Syntax base = primary();
        if (!peek().is(Token.Kind.CARET)) {
            return base;
        }
        next();
        return new Syntax.Binary('^', base, unary(), base.column());
    }

    private Syntax primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Syntax.Num(t.number(), t.column());
            case NAME:
                return peek().is(Token.Kind.LPAREN) ? call(t) : new Syntax.Name(t.text(), t.column());
            case LPAREN: {
                Syntax inner = comparison();
                expect(Token.Kind.RPAREN, "')'");
                // a parenthesised literal stays a literal: x^(-2) is the exact integer power too
                return inner instanceof Syntax.Num n ? new Syntax.Num(n.value(), t.column()) : inner;
            }
            default:
                throw ExpressionSyntaxException.expected(t.column(), "a number, a name or '('", t.describe());
        }
    }

    private Syntax call(Token name) {
        expect(Token.Kind.LPAREN, "'('");
        List<Syntax> args = new ArrayList<>();
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
        return new Syntax.Call(name.text(), args, name.column());
    }
}
