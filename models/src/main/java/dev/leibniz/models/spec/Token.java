package dev.leibniz.models.spec;

/**
 * One lexical token of a model-file line.
 *
 * @param kind   what sort of token
 * @param text   the characters as written (for numbers and names), or the symbol
 * @param number the value of a {@link Kind#NUMBER}, else 0
 * @param column 1-based column of the first character
 */
record Token(Kind kind, String text, double number, int column) {
    enum Kind { NUMBER, NAME, SYMBOL, END }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    /** How the token is shown in an error message ("found ..."). */
    String describe() {
        return switch (kind) {
            case END -> "end of line";
            case NUMBER -> "number " + text;
            case NAME -> "'" + text + "'";
            case SYMBOL -> "'" + text + "'";
        };
    }
}
