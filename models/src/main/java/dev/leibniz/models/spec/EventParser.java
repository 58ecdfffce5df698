package dev.leibniz.models.spec;

import dev.leibniz.core.expr.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the statements of a model file that make its solution jump or switch:
 * <pre>
 * when COMPARISON: ACTION[, ACTION…]         # a zero crossing; ACTION is 'STATE = EXPR' or 'stop'
 * at t = NUMBER[, NUMBER…]: ACTION[, …]       # time events
 * input NAME(t) = EXPR[, EXPR from NUMBER]…   # a piecewise input function of time
 * </pre>
 * A comparison {@code a < b} (or {@code <=}) fires when a − b falls through zero, {@code a > b}
 * (or {@code >=}) when it rises through zero, {@code a == b} either way. The tails are split at
 * the commas and colon outside parentheses, and each piece is an expression of the one grammar,
 * with its columns the line's (errors point into the piece).
 */
final class EventParser {
    private static final Pattern ASSIGN = Pattern.compile("\\s*([\\p{L}_][\\p{L}\\p{N}_]*)\\s*=(?!=)");
    private static final Pattern FROM = Pattern.compile("(?<![\\p{L}\\p{N}_])from(?![\\p{L}\\p{N}_])");

    private EventParser() {
    }

    /** {@code when COMPARISON: ACTIONS}; the head token {@code when} is consumed. */
    static EventSpec when(LineParser lp, Token head) {
        String text = lp.restText();
        int colon = topLevel(text, ':', head.column());
        if (colon < 0) {
            throw lp.error(endColumn(text), "expected ':' and what happens after the condition (STATE = EXPR, … or"
                    + " stop), as in 'when h < 0: v = -e*v'");
        }
        String condText = text.substring(0, colon);
        Syntax cond = lp.expression(condText, colon + 1, "a comparison after 'when', like 'h < 0'");
        if (!(cond instanceof Syntax.Compare c) || c.op().equals("!=")) {
            throw lp.error(firstColumn(condText, 1), "expected a comparison after 'when', like"
                    + " 'h < 0' (fires when h falls below 0), 'x > 1' (when x rises above 1) or 'x == 1' (either way)");
        }
        int direction = switch (c.op()) {
            case "<", "<=" -> -1;
            case ">", ">=" -> 1;
            default -> 0;
        };
        Syntax g = new Syntax.Binary('-', c.left(), c.right(), c.column());
        String label = "when " + condText.strip();
        return actions(lp, head, label, text, colon, g, direction, null);
    }

    /** {@code at t = T, …: ACTIONS}; the head token {@code at} is consumed. */
    static EventSpec at(LineParser lp, Token head) {
        lp.expectName("'t' after 'at' (at t = T1, T2, …: STATE = EXPR)");
        lp.expect("=", "after 'at t'");
        List<Double> times = new ArrayList<>();
        while (true) {
            Token at = lp.peek();
            double v = lp.expectNumber("a number (an event time)", false);
            if (!times.isEmpty() && !(v > times.get(times.size() - 1))) {
                throw lp.error(at, "the times of an 'at' line must increase, but " + fmt(v) + " comes after "
                        + fmt(times.get(times.size() - 1)));
            }
            times.add(v);
            if (!lp.peek().is(",")) {
                break;
            }
            lp.next();
        }
        Token colon = lp.expect(":", "after the event times (at t = T1, T2, …: STATE = EXPR)");
        String text = lp.restText();
        double[] ts = times.stream().mapToDouble(Double::doubleValue).toArray();
        StringBuilder label = new StringBuilder("at t = ");
        for (int k = 0; k < ts.length; k++) {
            label.append(k == 0 ? "" : ", ").append(fmt(ts[k]));
        }
        return actions(lp, head, label.toString(), text, colon.column() - 1, null, 0, ts);
    }

    /** The actions after the colon at offset {@code colon}: resets or {@code stop}. */
    private static EventSpec actions(LineParser lp, Token head, String label, String text, int colon, Syntax g,
                                     int direction, double[] times) {
        List<Definition> resets = new ArrayList<>();
        boolean stop = false;
        int from = colon + 1;
        if (text.substring(from).isBlank()) {
            throw lp.error(endColumn(text) + 1, "expected what happens after ':' (STATE = EXPR, … or stop)");
        }
        for (int[] r : split(text, ',', from)) {
            String piece = text.substring(r[0], r[1]);
            int col = firstColumn(piece, r[0] + 1);
            if (piece.strip().equals("stop")) {
                stop = true;
                continue;
            }
            Matcher m = ASSIGN.matcher(piece);
            if (!m.lookingAt()) {
                throw lp.error(col, "expected 'STATE = EXPR' or 'stop' after ':', found '" + piece.strip() + "'");
            }
            String name = m.group(1);
            int nameCol = r[0] + m.start(1) + 1;
            for (Definition d : resets) {
                if (d.name().equals(name)) {
                    throw lp.error(nameCol, "'" + name + "' is reset twice in one event (first at column "
                            + d.position().column() + ")");
                }
            }
            int exprStart = r[0] + m.end();
            String expr = " ".repeat(exprStart) + text.substring(exprStart, r[1]);
            resets.add(new Definition(name, lp.expression(expr, exprStart + 1, "an expression after '" + name + " ='"),
                    new Position(lp.line(), nameCol)));
        }
        if (stop && !resets.isEmpty()) {
            throw lp.error(resets.get(0).position().column(), "a terminal event ('stop') ends the solve and has no"
                    + " reset; write the reset and the stop as two events");
        }
        return new EventSpec(label, g, direction, times, resets, stop, new Position(lp.line(), head.column()));
    }

    /** {@code input NAME(t) = PIECES}; {@code input NAME} is consumed and the next token is '('. */
    static InputFunction inputFunction(LineParser lp, Token name) {
        lp.expect("(", "after 'input " + name.text() + "'");
        Token t = lp.peek();
        if (!t.isName("t")) {
            throw lp.error(t, "an input function is a function of time: write 'input " + name.text() + "(t) = …'");
        }
        lp.next();
        lp.expect(")", "after '" + name.text() + "(t'");
        Token eq = lp.expect("=", "after '" + name.text() + "(t)'");
        String text = lp.restText();
        List<Syntax> pieces = new ArrayList<>();
        List<Double> from = new ArrayList<>();
        for (int[] r : split(text, ',', eq.column())) {
            String piece = text.substring(r[0], r[1]);
            Matcher m = FROM.matcher(piece);
            int at = -1;
            while (m.find()) {
                at = m.start();
            }
            int exprEnd = at < 0 ? r[1] : r[0] + at;
            if (pieces.isEmpty() && at >= 0) {
                throw lp.error(r[0] + at + 1, "the first piece holds from the start and has no 'from'; write"
                        + " 'input " + name.text() + "(t) = A, B from T' (A before T, B from T on)");
            }
            if (!pieces.isEmpty()) {
                if (at < 0) {
                    throw lp.error(firstColumn(piece, r[0] + 1), "expected 'EXPR from NUMBER' (the time the piece"
                            + " starts) after the first piece");
                }
                String num = piece.substring(at + 4).strip();
                int numCol = firstColumn(piece.substring(at + 4), r[0] + at + 5);
                double v;
                try {
                    v = Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v) || num.isEmpty() || !Character.isDigit(num.charAt(num.length() - 1))) {
                    throw lp.error(numCol, "expected a number after 'from' (the time the piece starts), found '"
                            + num + "'");
                }
                if (!from.isEmpty() && !(v > from.get(from.size() - 1))) {
                    throw lp.error(numCol, "the pieces' times must increase, but " + fmt(v) + " comes after "
                            + fmt(from.get(from.size() - 1)));
                }
                from.add(v);
            }
            String expr = " ".repeat(r[0]) + text.substring(r[0], exprEnd);
            pieces.add(lp.expression(expr, r[0] + 1, "an expression (a piece of " + name.text() + ")"));
        }
        return new InputFunction(name.text(), pieces, from.stream().mapToDouble(Double::doubleValue).toArray(),
                lp.position(name));
    }

    /** The offset of the first {@code sep} outside parentheses at or after {@code from}, or −1. */
    private static int topLevel(String text, char sep, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == sep && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The [start, end) ranges between the {@code sep}s outside parentheses, from {@code from} to the end. */
    private static List<int[]> split(String text, char sep, int from) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        while (true) {
            int at = topLevel(text, sep, start);
            if (at < 0) {
                out.add(new int[] {start, text.length()});
                return out;
            }
            out.add(new int[] {start, at});
            start = at + 1;
        }
    }

    /** The column of the first non-blank character of {@code piece}, which starts at column {@code col}. */
    private static int firstColumn(String piece, int col) {
        int i = 0;
        while (i < piece.length() && Character.isWhitespace(piece.charAt(i))) {
            i++;
        }
        return col + i;
    }

    private static int endColumn(String text) {
        return text.stripTrailing().length() + 1;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
