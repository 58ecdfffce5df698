package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code name=value,name=value} lists given on the command line (--at, --set). A value is
 * a finite number, negative ones included ({@code --at x=-1}); a literal beyond the range of a
 * double ({@code 1e999}) is bad input, "number out of range", as in a model file.
 */
final class Assignments {
    private Assignments() {
    }

    static Map<String, Double> parse(String option, String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new LeibnizException(option + ": expected name=value, got '" + p + "'");
            }
            String name = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new LeibnizException(option + ": value of '" + name + "' is not a number: '" + value + "'");
            }
            if (Double.isInfinite(v) && !value.toLowerCase(java.util.Locale.ROOT).contains("inf")) {
                throw new LeibnizException(option + ": value of '" + name + "': number out of range: " + value
                        + " (the largest double is about 1.8e308)");
            }
            if (!Double.isFinite(v)) {
                throw new LeibnizException(option + ": value of '" + name + "' must be finite, got " + value);
            }
            if (m.put(name, v) != null) {
                throw new LeibnizException(option + ": '" + name + "' is given twice");
            }
        }
        return m;
    }
}
