package dev.leibniz.models.spec;

import dev.leibniz.core.expr.ExpressionSyntaxException;
import dev.leibniz.core.expr.Expressions;
import dev.leibniz.core.expr.Syntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one line of a model file: the statement forms ({@code const NAME =}, {@code param …},
 * {@code der(NAME) =}, …) token by token with the helpers here, and the expression after a
 * statement's {@code =} with ad-core's expression parser — the one grammar of Leibniz
 * expressions, shared with {@code leibniz grad} (docs/expressions.md). Every error names the
 * column and what was expected there.
 */
final class LineParser {
    private final String file;
    private final int line;
    private final Lexer lexer;
    /** Tokens read ahead of {@link #pos} (lookahead); tokens are read only when asked for. */
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    LineParser(String file, int line, String text) {
        this.file = file;
        this.line = line;
        this.lexer = new Lexer(file, line, text);
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    Token peek() {
        return peekAhead(0);
    }

    Token peekAhead(int k) {
        while (tokens.size() <= pos + k) {
            if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() == Token.Kind.END) {
                return tokens.get(tokens.size() - 1);
            }
            tokens.add(lexer.next());
        }
        return tokens.get(pos + k);
    }

    Token next() {
        Token t = peek();
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

    /**
     * The expression that makes up the rest of the line (up to a comment), as an ad-core syntax
     * tree whose columns are the line's. Call right after the statement's {@code =}, with no token
     * read beyond it.
     */
    Syntax expression() {
        if (tokens.size() > pos) {
            throw new IllegalStateException("a token was read past the start of the expression");
        }
        String text = lexer.rest(lexer.consumed());
        if (text.isBlank()) {
            throw new ModelFileException(file, line, lexer.endColumn(), "expected an expression, found end of line");
        }
        lexer.skipToEnd();
        try {
            return Expressions.syntax(text);
        } catch (ExpressionSyntaxException e) {
            throw new ModelFileException(file, line, e.column(), e.detail());
        }
    }

    /**
     * The rest of the line (up to a comment) with everything before it blanked, so that a column in
     * it is the column in the line; the line is then read to its end. For statements whose tail is
     * split into several expressions ({@code when …: …, …}). Call with no token read beyond the
     * last one consumed.
     */
    String restText() {
        if (tokens.size() > pos) {
            throw new IllegalStateException("a token was read past the start of the rest");
        }
        String text = lexer.rest(lexer.consumed());
        lexer.skipToEnd();
        return text;
    }

    /** The expression in {@code text} (blanked outside it, so columns are the line's). */
    Syntax expression(String text, int emptyColumn, String what) {
        if (text.isBlank()) {
            throw new ModelFileException(file, line, emptyColumn, "expected " + what + ", found nothing");
        }
        try {
            return Expressions.syntax(text);
        } catch (ExpressionSyntaxException e) {
            throw new ModelFileException(file, line, e.column(), e.detail());
        }
    }

    ModelFileException error(int column, String message) {
        return new ModelFileException(file, line, column, message);
    }

    int line() {
        return line;
    }
}
