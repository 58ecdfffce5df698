package dev.leibniz.models.spec;

/**
 * Reads the tokens of the statement part of one model-file line, on demand: keywords, names,
 * numbers, {@code ( ) [ ] , =}. A {@code #} starts a comment that runs to the end of the line.
 * Names are a letter or {@code _} followed by letters, digits or {@code _} (any Unicode letter, so
 * {@code α} is a name); numbers are decimal with an optional fraction and exponent ({@code 3},
 * {@code .5}, {@code 1.5e-3}). Signs are separate tokens.
 *
 * <p>Expressions are not read here: once a statement reaches its {@code =}, the rest of the line
 * ({@link #rest()}) is an expression of ad-core's one grammar (see {@link LineParser#expression()}).
 */
final class Lexer {
    private static final String SYMBOLS = "+-*/^()[],=";

    private final String file;
    private final int lineNo;
    private final String line;
    /** Where the comment starts (or the line's length): nothing at or after it is read. */
    private final int end;
    private int pos;

    Lexer(String file, int lineNo, String line) {
        this.file = file;
        this.lineNo = lineNo;
        this.line = line;
        int hash = line.indexOf('#');
        this.end = hash >= 0 ? hash : line.length();
    }

    /** The next token; an {@link Token.Kind#END} token at the end of the line (before a comment). */
    Token next() {
        while (pos < end && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        if (pos >= end) {
            return new Token(Token.Kind.END, "", 0, endColumn());
        }
        char c = line.charAt(pos);
        int start = pos;
        if (Character.isDigit(c) || (c == '.' && pos + 1 < end && Character.isDigit(line.charAt(pos + 1)))) {
            pos = scanNumber(pos);
            String text = line.substring(start, pos);
            if (pos < end && isNameStart(line.charAt(pos))) {
                throw new ModelFileException(file, lineNo, pos + 1, "unexpected '" + line.charAt(pos)
                        + "' right after the number " + text + "; write a '*' for a product");
            }
            return new Token(Token.Kind.NUMBER, text, Double.parseDouble(text), start + 1);
        }
        if (isNameStart(c)) {
            while (pos < end && isNamePart(line.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.NAME, line.substring(start, pos), 0, start + 1);
        }
        if (SYMBOLS.indexOf(c) >= 0) {
            pos++;
            return new Token(Token.Kind.SYMBOL, String.valueOf(c), 0, start + 1);
        }
        throw new ModelFileException(file, lineNo, start + 1, "unexpected character '" + c
                + "'; expected a number, a name, an operator (+ - * / ^), a parenthesis or '#'");
    }

    /** Marks the line as read to its end (an expression took the rest). */
    void skipToEnd() {
        pos = end;
    }

    /** How far the line has been read (a 0-based offset): where {@link #rest(int)} would start. */
    int consumed() {
        return pos;
    }

    /**
     * The rest of the line from {@code from} (a 0-based offset) to the comment, with everything
     * before {@code from} blanked, so that a column in it is the column in the line; trailing blanks
     * removed, so that "end of input" is just after the last character.
     */
    String rest(int from) {
        String tail = line.substring(from, end).stripTrailing();
        return " ".repeat(from) + tail;
    }

    /** Column just after the last non-comment, non-blank character. */
    int endColumn() {
        int e = end;
        while (e > 0 && Character.isWhitespace(line.charAt(e - 1))) {
            e--;
        }
        return e + 1;
    }

    private int scanNumber(int i) {
        while (i < end && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i < end && line.charAt(i) == '.') {
            i++;
            while (i < end && Character.isDigit(line.charAt(i))) {
                i++;
            }
        }
        if (i < end && (line.charAt(i) == 'e' || line.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < end && (line.charAt(j) == '+' || line.charAt(j) == '-')) {
                j++;
            }
            if (j < end && Character.isDigit(line.charAt(j))) {
                i = j;
                while (i < end && Character.isDigit(line.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
