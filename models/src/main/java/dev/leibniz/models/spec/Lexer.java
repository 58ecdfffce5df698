package dev.leibniz.models.spec;

/**
 * Reads the tokens of the statement part of one model-file line, on demand: keywords, names,
 * numbers, {@code ( ) [ ] , =}. A {@code #} starts a comment that runs to the end of the line.
 * Names are a letter or {@code _} followed by letters, digits or {@code _} (any Unicode letter, so
 * {@code α} is a name); numbers are decimal with an optional fraction and exponent ({@code 3},
 * {@code .5}, {@code 1.5e-3}). Signs are separate tokens.
 *
 * <p>Expressions are not read here: once a statement reaches its {@code =}, the rest of the line
 * ({@link #rest(int)}) is an expression of ad-core's one grammar (see {@link LineParser#expression()}).
 * What is lexical about the whole line is checked here, for the statement and the expression
 * alike, so the message names the line and column in the file:
 *
 * <ul>
 *   <li>a UTF-8 byte-order mark (U+FEFF) at the start of the file is skipped, and columns are
 *       counted after it, as an editor shows them;</li>
 *   <li>an invisible character before the comment (a zero-width space U+200B, a no-break space
 *       U+00A0, a control or format character: anything but a space or tab that shows as nothing)
 *       is an error naming it by its code point, {@code U+200B (zero width space)};</li>
 *   <li>a number literal beyond the range of a double ({@code 1e999}, or {@code 1e-999}, which
 *       would silently be 0) is an error, "number out of range".</li>
 * </ul>
 */
final class Lexer {
    private static final String SYMBOLS = "+-*/^()[],=:";

    private final String file;
    private final int lineNo;
    private final String line;
    /** Where the comment starts (or the line's length): nothing at or after it is read. */
    private final int end;
    private int pos;

    Lexer(String file, int lineNo, String line) {
        this.file = file;
        this.lineNo = lineNo;
        this.line = lineNo == 1 && line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line;
        int hash = this.line.indexOf('#');
        this.end = hash >= 0 ? hash : this.line.length();
        checkVisible();
    }

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /** The first invisible character before the comment is an error naming its code point. */
    private void checkVisible() {
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (isInvisible(c)) {
                String name = Character.getName(c);
                throw new ModelFileException(file, lineNo, i + 1, String.format("invisible character U+%04X%s;"
                        + " delete it (or retype the line: it often comes from copying text from a web page or a"
                        + " word processor)", (int) c, name == null ? "" : " (" + name.toLowerCase(java.util.Locale.ROOT) + ")"));
            }
        }
    }

    /** Shows as nothing (or as a plain space) but is not a space or a tab. */
    static boolean isInvisible(char c) {
        if (c == ' ' || c == '\t') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
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
            return new Token(Token.Kind.NUMBER, text, inRange(text, start), start + 1);
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
        checkNumbers(from);
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

    /**
     * The value of a number literal that starts at {@code start}; one that a double cannot hold
     * (it overflows to infinity, or a nonzero literal underflows to 0) is an error.
     */
    private double inRange(String text, int start) {
        double v = Double.parseDouble(text);
        boolean underflow = v == 0 && nonzeroMantissa(text);
        if (Double.isInfinite(v) || underflow) {
            throw new ModelFileException(file, lineNo, start + 1, "number out of range: " + text + " (a double holds"
                    + " magnitudes from about 4.9e-324 to 1.8e308)");
        }
        return v;
    }

    private static boolean nonzeroMantissa(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Checks the range of every number literal of an expression from {@code from} to the comment. */
    private void checkNumbers(int from) {
        int i = from;
        while (i < end) {
            char c = line.charAt(i);
            if (isNameStart(c)) {
                while (i < end && isNamePart(line.charAt(i))) {
                    i++;
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < end && Character.isDigit(line.charAt(i + 1)))) {
                int start = i;
                i = scanNumber(i);
                inRange(line.substring(start, i), start);
            } else {
                i++;
            }
        }
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
