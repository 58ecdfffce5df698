package dev.leibniz.core.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens: numbers ({@code 2}, {@code 2.5}, {@code .5}, {@code 3.},
 * {@code 1e-3}), names ({@code [letter_][letter digit _]*}), the operators
 * {@code + - * / ^ < <= > >= ==}, parentheses, commas and semicolons. Whitespace separates
 * tokens and is otherwise ignored. The list always ends with an {@code END} token whose column is
 * one past the last character, so "unexpected end of input" has a column too.
 */
final class Tokenizer {
    private final String text;
    private int pos;

    private Tokenizer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new Tokenizer(text).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                out.add(new Token(Token.Kind.END, "", text.length() + 1, 0));
                return out;
            }
            out.add(next());
        }
    }

    private Token next() {
        char c = text.charAt(pos);
        int column = pos + 1;
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Token.Kind.NAME, text.substring(start, pos), column, 0);
        }
        pos++;
        switch (c) {
            case '+': return simple(Token.Kind.PLUS, "+", column);
            case '-': return simple(Token.Kind.MINUS, "-", column);
            case '*': return simple(Token.Kind.STAR, "*", column);
            case '/': return simple(Token.Kind.SLASH, "/", column);
            case '^': return simple(Token.Kind.CARET, "^", column);
            case '(': return simple(Token.Kind.LPAREN, "(", column);
            case ')': return simple(Token.Kind.RPAREN, ")", column);
            case ',': return simple(Token.Kind.COMMA, ",", column);
            case ';': return simple(Token.Kind.SEMICOLON, ";", column);
            case '<': return followedByEquals() ? simple(Token.Kind.LE, "<=", column) : simple(Token.Kind.LT, "<", column);
            case '>': return followedByEquals() ? simple(Token.Kind.GE, ">=", column) : simple(Token.Kind.GT, ">", column);
            case '=':
                if (followedByEquals()) {
                    return simple(Token.Kind.EQ, "==", column);
                }
                throw ExpressionSyntaxException.at(column, "'=='", "expected '==' but found '=' (there is no assignment in an expression)");
            default:
                throw ExpressionSyntaxException.at(column, "an operator, a number, a name or a parenthesis",
                        "unexpected character '" + printable(c) + "'");
        }
    }

    private boolean followedByEquals() {
        if (pos < text.length() && text.charAt(pos) == '=') {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * mantissa := digits ['.' digits*] | '.' digits; exponent := [eE] [+-] digits. A dangling
     * exponent such as {@code 1e} or {@code 1e+} is a bad number; a letter right after a number
     * ({@code 2x}, {@code 2exp(x)}) is an implicit product, which the grammar does not have: the
     * error says to write the {@code *}.
     */
    private Token number() {
        int start = pos;
        int column = start + 1;
        int mantissaDigits = digits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            mantissaDigits += digits();
        }
        if (mantissaDigits == 0) {
            throw ExpressionSyntaxException.at(column, "a number", "bad number '" + text.substring(start, pos)
                    + "': expected digits");
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int e = pos + 1;
            if (e < text.length() && (text.charAt(e) == '+' || text.charAt(e) == '-')) {
                e++;
            }
            boolean hasDigit = e < text.length() && isDigit(text.charAt(e));
            boolean letterFollows = pos + 1 < text.length()
                    && (Character.isLetter(text.charAt(pos + 1)) || text.charAt(pos + 1) == '_');
            if (hasDigit) {
                pos = e;
                digits();
            } else if (!letterFollows) {
                pos = e;
                throw ExpressionSyntaxException.at(column, "digits after the exponent", "bad number '"
                        + text.substring(start, pos) + "': expected digits after the exponent");
            }
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
            throw ExpressionSyntaxException.at(column, "a number", "bad number '" + text.substring(start, pos)
                    + "': a number has at most one decimal point");
        }
        String s = text.substring(start, pos);
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw ExpressionSyntaxException.at(pos + 1, "an operator", "unexpected '" + text.charAt(pos)
                    + "' right after the number " + s + "; write a '*' for a product");
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw ExpressionSyntaxException.at(column, "a finite number", "bad number '" + s
                    + "': too large for a double");
        }
        return new Token(Token.Kind.NUMBER, s, column, v);
    }

    private int digits() {
        int n = 0;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
            n++;
        }
        return n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Token simple(Token.Kind kind, String text, int column) {
        return new Token(kind, text, column, 0);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
