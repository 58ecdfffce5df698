package dev.leibniz.core.expr;

/**
 * One lexical token: its kind, its text as written, the 1-based column of its first character,
 * and for a number its value.
 */
record Token(Token.Kind kind, String text, int column, double number) {

    enum Kind { NUMBER, NAME, PLUS, MINUS, STAR, SLASH, CARET, LPAREN, RPAREN, COMMA, SEMICOLON,
        LT, LE, GT, GE, EQ, END }

    /** How the token is named in an error message: {@code '+'} or {@code end of input}. */
    String describe() {
        return kind == Kind.END ? "end of input" : "'" + text + "'";
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isComparison() {
        return kind == Kind.LT || kind == Kind.LE || kind == Kind.GT || kind == Kind.GE || kind == Kind.EQ;
    }
}
