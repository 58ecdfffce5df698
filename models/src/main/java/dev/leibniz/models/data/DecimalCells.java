package dev.leibniz.models.data;

/**
 * The number syntax of a data cell, checked by hand rather than with a regular expression (this
 * runs for every cell of a million-row file): an optional sign, digits with an optional fraction
 * (or a fraction alone), an optional exponent. {@code 3}, {@code -0.5}, {@code .5}, {@code 1e-3},
 * {@code 2.} are numbers; {@code NaN}, {@code Infinity}, {@code 1d}, {@code 0x1p3} are not (Java's
 * {@link Double#parseDouble} accepts them, a data file must not).
 */
final class DecimalCells {
    private DecimalCells() {
    }

    /** Whether {@code s} is a decimal number in the syntax above. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * Whether {@code s} is a number written with a decimal comma: one comma, no point, and a
     * decimal number once the comma is a point ({@code 1,5}, {@code -0,25e3}).
     */
    static boolean hasDecimalComma(String s) {
        int comma = s.indexOf(',');
        return comma >= 0 && s.indexOf(',', comma + 1) < 0 && s.indexOf('.') < 0 && isDecimal(s.replace(',', '.'));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
