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

    /** 10⁰ … 10²², each exactly a double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
        }
    }

    /**
     * The value of {@code s} if it is a decimal number in the syntax above, else NaN (which the
     * syntax cannot write). Correctly rounded, as {@link Double#parseDouble}: numbers of at most
     * 15 significant digits with a decimal exponent within ±22 — what instruments and
     * spreadsheets write — take Clinger's fast path, one exact integer times or divided by an
     * exact power of ten, which IEEE arithmetic rounds correctly (W. D. Clinger, "How to read
     * floating point numbers accurately", PLDI 1990); the others go to {@code parseDouble}.
     */
    static double parse(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            int d = s.charAt(i++) - '0';
            digits++;
            if (mantissa != 0 || d != 0) {
                mantissa = mantissa * 10 + d;
                significant++;
                if (significant > 15) {
                    return slow(s);
                }
            }
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                int d = s.charAt(i++) - '0';
                digits++;
                scale--;
                if (mantissa != 0 || d != 0) {
                    mantissa = mantissa * 10 + d;
                    significant++;
                    if (significant > 15) {
                        return slow(s);
                    }
                }
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negativeExponent = s.charAt(i) == '-';
                i++;
            }
            int exponent = 0;
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                exponent = Math.min(exponent * 10 + (s.charAt(i++) - '0'), 100_000);
                expDigits++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != n) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (scale < -22 || scale > 22) {
            return Double.parseDouble(s);
        }
        double v = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
        return negative ? -v : v;
    }

    /** More than 15 significant digits: checked by {@link #isDecimal}, read by the JDK. */
    private static double slow(String s) {
        return isDecimal(s) ? Double.parseDouble(s) : Double.NaN;
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
