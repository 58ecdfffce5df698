package dev.leibniz.core.expr;

import dev.leibniz.core.LeibnizException;

/**
 * An expression could not be parsed: a syntax error, an unknown function or variable, a wrong
 * number of arguments or a malformed number. The message names the 1-based column and what was
 * expected there, e.g. {@code column 7: expected ')' but found '+'}; {@link #column()} and
 * {@link #expected()} give the same facts to programs (a model-file reader adds its own line).
 */
public class ExpressionSyntaxException extends LeibnizException {
    private final int column;
    private final String expected;

    public ExpressionSyntaxException(String message, int column, String expected) {
        super(message);
        this.column = column;
        this.expected = expected;
    }

    /** {@code column N: expected X but found Y}. */
    static ExpressionSyntaxException expected(int column, String expected, String found) {
        return new ExpressionSyntaxException("column " + column + ": expected " + expected + " but found " + found,
                column, expected);
    }

    /** {@code column N: detail}. */
    static ExpressionSyntaxException at(int column, String expected, String detail) {
        return new ExpressionSyntaxException("column " + column + ": " + detail, column, expected);
    }

    /** The 1-based column (character position in the text) where the problem was found. */
    public int column() {
        return column;
    }

    /**
     * The message without its {@code "column N: "} prefix, for a reader that reports the place in
     * its own terms (a model file: {@code file:line:column: detail}).
     */
    public String detail() {
        String prefix = "column " + column + ": ";
        String m = getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** What the parser expected at {@link #column()}, e.g. {@code "')'"} or {@code "a known function"}. */
    public String expected() {
        return expected;
    }
}
