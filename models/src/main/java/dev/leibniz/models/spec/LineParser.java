package dev.leibniz.models.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser over the tokens of one line. Grammar of expressions, lowest
 * precedence first:
 *
 * <pre>
 * expr    := term (('+' | '-') term)*
 * term    := unary (('*' | '/') unary)*
 * unary   := ('-' | '+') unary | power
 * power   := primary ('^' unary)?          right-associative: a^b^c = a^(b^c); -x^2 = -(x^2)
 * primary := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
 * </pre>
 *
 * The statement forms ({@code const}, {@code param}, …) are read by {@link ModelParser} with the
 * token helpers here; every error names the column and what was expected there.
 */
final class LineParser {
    private final String file;
    private final int line;
    private final List<Token> tokens;
    private int pos;

    LineParser(String file, int line, String text) {
        this.file = file;
        this.line = line;
        this.tokens = Lexer.tokenize(file, line, text);
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peekAhead(int k) {
        return tokens.get(Math.min(pos + k, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    /** Consumes the symbol or fails with "expected 'sym' what, found …". */
    Token expect(String symbol, String context) {
        Token t = peek();
        if (!t.is(symbol)) {
            throw error(t, "expected '" + symbol + "' " + context + ", found " + t.describe());
        }
        return next();
    }

    /** Consumes a name or fails. */
    Token expectName(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.NAME) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return next();
    }

    /** A signed number literal, or {@code inf}/{@code -inf} when {@code allowInfinity}. */
    double expectNumber(String what, boolean allowInfinity) {
        Token first = peek();
        double sign = 1;
        if (first.is("-") || first.is("+")) {
            sign = first.is("-") ? -1 : 1;
            next();
        }
        Token t = peek();
        if (t.kind() == Token.Kind.NUMBER) {
            next();
            return sign * t.number();
        }
        if (allowInfinity && (t.isName("inf") || t.isName("Infinity"))) {
            next();
            return sign * Double.POSITIVE_INFINITY;
        }
        throw error(t, "expected " + what + ", found " + t.describe());
    }

    /** Fails unless the line is finished. */
    void expectEnd(String after) {
        Token t = peek();
        if (t.kind() != Token.Kind.END) {
            throw error(t, "unexpected " + t.describe() + " after " + after + "; expected end of line");
        }
    }

    ModelFileException error(Token at, String message) {
        return new ModelFileException(file, line, at.column(), message);
    }

    Position position(Token t) {
        return new Position(line, t.column());
    }

    Expr expression() {
        Expr left = term();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            Expr right = term();
            left = new Expr.Binary(op.text().charAt(0), left, right, position(op));
        }
        return left;
    }

    private Expr term() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/")) {
            Token op = next();
            Expr right = unary();
            left = new Expr.Binary(op.text().charAt(0), left, right, position(op));
        }
        return left;
    }

    private Expr unary() {
        Token t = peek();
        if (t.is("-")) {
            next();
            return new Expr.Negate(unary(), position(t));
        }
        if (t.is("+")) {
            next();
            return unary();
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (peek().is("^")) {
            Token op = next();
            Expr exponent = unary();
            return new Expr.Binary('^', base, exponent, position(op));
        }
        return base;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER:
                next();
                return new Expr.Literal(t.number(), position(t));
            case NAME:
                next();
                if (peek().is("(")) {
                    next();
                    List<Expr> args = new ArrayList<>();
                    if (!peek().is(")")) {
                        args.add(expression());
                        while (peek().is(",")) {
                            next();
                            args.add(expression());
                        }
                    }
                    Token close = peek();
                    if (!close.is(")")) {
                        throw error(close, "expected ',' or ')' in the arguments of '" + t.text() + "', found "
                                + close.describe());
                    }
                    next();
                    return new Expr.Call(t.text(), List.copyOf(args), position(t));
                }
                return new Expr.Name(t.text(), position(t));
            case SYMBOL:
                if (t.is("(")) {
                    next();
                    Expr inner = expression();
                    Token close = peek();
                    if (!close.is(")")) {
                        throw error(close, "expected ')' to close the '(' at column " + t.column() + ", found "
                                + close.describe());
                    }
                    next();
                    return inner;
                }
                throw error(t, "expected a number, a name or '(', found " + t.describe());
            default:
                throw error(t, "expected an expression, found end of line");
        }
    }
}
