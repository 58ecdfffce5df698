package dev.leibniz.models.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a model file into tokens. A {@code #} starts a comment that runs to the end
 * of the line. Names are a letter or {@code _} followed by letters, digits or {@code _} (any
 * Unicode letter, so {@code α} is a name); numbers are decimal with an optional fraction and
 * exponent ({@code 3}, {@code .5}, {@code 1.5e-3}). Signs are separate tokens: the parser
 * decides whether a {@code -} is unary.
 */
final class Lexer {
    private static final String SYMBOLS = "+-*/^()[],=";

    private Lexer() {
    }

    /** The tokens of {@code line}, ending with an {@link Token.Kind#END} token. */
    static List<Token> tokenize(String file, int lineNo, String line) {
        List<Token> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(line.charAt(i + 1)))) {
                i = scanNumber(line, i);
                String text = line.substring(start, i);
                if (i < n && isNameStart(line.charAt(i))) {
                    throw new ModelFileException(file, lineNo, i + 1, "unexpected '" + line.charAt(i)
                            + "' right after the number " + text + "; write a '*' for a product");
                }
                out.add(new Token(Token.Kind.NUMBER, text, Double.parseDouble(text), start + 1));
            } else if (isNameStart(c)) {
                while (i < n && isNamePart(line.charAt(i))) {
                    i++;
                }
                out.add(new Token(Token.Kind.NAME, line.substring(start, i), 0, start + 1));
            } else if (SYMBOLS.indexOf(c) >= 0) {
                i++;
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), 0, start + 1));
            } else {
                throw new ModelFileException(file, lineNo, start + 1, "unexpected character '" + c
                        + "'; expected a number, a name, an operator (+ - * / ^), a parenthesis or '#'");
            }
        }
        out.add(new Token(Token.Kind.END, "", 0, endColumn(line)));
        return out;
    }

    /** Column just after the last non-comment, non-blank character. */
    private static int endColumn(String line) {
        int hash = line.indexOf('#');
        int end = hash >= 0 ? hash : line.length();
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return end + 1;
    }

    private static int scanNumber(String s, int i) {
        int n = s.length();
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(s.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(s.charAt(i))) {
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
