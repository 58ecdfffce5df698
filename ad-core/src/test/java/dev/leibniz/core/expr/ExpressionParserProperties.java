package dev.leibniz.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Robustness and meaning of the parser. Any string either parses or fails with the project's own
 * exception (never a NullPointerException, index error or stack overflow); and a random
 * expression tree printed as text parses to a graph whose value equals the tree evaluated
 * directly in Java.
 */
class ExpressionParserProperties {

    private static final String ALPHABET = "xyz0123456789.eE+-*/^()<>=,; \tsincoexplgabqrtmhuw_$#!";
    private static final List<String> TOKENS = List.of("x", "y", "e", "pi", "1", "2", "0", ".5", "1e-3", "3.", "1e", "(",
            ")", ",", ";", "+", "-", "*", "/", "^", "<", "<=", ">", "==", "=", "sin", "exp", "pow", "powi", "max",
            "select", "logsumexp", "foo", "input", "softmax_xent", " ");

    @Property(tries = 3000)
    void anyStringParsesOrFailsWithALeibnizException(@ForAll("charSoup") String text) {
        parseAndEvaluate(text);
    }

    @Property(tries = 3000)
    void anyTokenSequenceParsesOrFailsWithALeibnizException(@ForAll("tokenSoup") String text) {
        parseAndEvaluate(text);
    }

    private static void parseAndEvaluate(String text) {
        try {
            Graph g = Expressions.parse(text);
            double[] in = new double[g.inputCount()];
            for (int i = 0; i < in.length; i++) {
                in[i] = 0.25 + i;
            }
            g.compile().gradient(in);
            Expressions.parseAll(text);
        } catch (ExpressionSyntaxException e) {
            assertTrue(e.column() >= 1 && e.column() <= text.length() + 1, "column " + e.column() + " outside '" + text + "'");
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        } catch (LeibnizException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        } catch (RuntimeException | StackOverflowError e) {
            fail("'" + text + "' threw " + e);
        }
    }

    @Provide
    Arbitrary<String> charSoup() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(0).ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(20).map(l -> String.join("", l));
    }

    /** A tiny expression tree, printed with the fewest parentheses the grammar allows. */
    private interface Expr {
        double eval(double x, double y);

        String print();

        /** 0 comparison, 1 additive, 2 term, 3 unary, 4 power, 5 primary. */
        int precedence();
    }

    private record Leaf(String text, double x, double y, int kind) implements Expr {
        public double eval(double vx, double vy) {
            return kind == 0 ? vx : kind == 1 ? vy : Double.parseDouble(text);
        }

        public String print() {
            return text;
        }

        public int precedence() {
            return 5;
        }
    }

    private record Binary(char op, Expr a, Expr b) implements Expr {
        public double eval(double x, double y) {
            double u = a.eval(x, y);
            double v = b.eval(x, y);
            return switch (op) {
                case '+' -> u + v;
                case '-' -> u - v;
                case '*' -> u * v;
                case '/' -> u / v;
                case '^' -> Math.pow(u, v);
                default -> u < v ? 1.0 : 0.0;
            };
        }

        public int precedence() {
            return switch (op) {
                case '+', '-' -> 1;
                case '*', '/' -> 2;
                case '^' -> 4;
                default -> 0;
            };
        }

        public String print() {
            int p = precedence();
            // left-associative: the left operand may share the level, the right one may not;
            // '^' is right-associative and takes a unary on its right
            boolean leftParens = p == 4 ? a.precedence() <= 4 : a.precedence() < p || (p == 0 && a.precedence() == 0);
            boolean rightParens = p == 4 ? b.precedence() < 3 : b.precedence() <= p;
            return wrap(a.print(), leftParens) + op + wrap(b.print(), rightParens);
        }
    }

    private record Neg(Expr a) implements Expr {
        public double eval(double x, double y) {
            return -a.eval(x, y);
        }

        public String print() {
            return "-" + wrap(a.print(), a.precedence() < 3);
        }

        public int precedence() {
            return 3;
        }
    }

    /** x^n with a small integer literal: the exact integer power (n = 0, 1, 2 are exact in any order). */
    private record IntPow(Expr a, int n) implements Expr {
        public double eval(double x, double y) {
            double u = a.eval(x, y);
            return n == 0 ? 1.0 : n == 1 ? u : u * u;
        }

        public String print() {
            return wrap(a.print(), a.precedence() <= 4) + "^" + n;
        }

        public int precedence() {
            return 4;
        }
    }

    private record Call(String name, Expr a) implements Expr {
        public double eval(double x, double y) {
            double u = a.eval(x, y);
            return switch (name) {
                case "sin" -> Math.sin(u);
                case "exp" -> Math.exp(u);
                case "tanh" -> Math.tanh(u);
                default -> Math.abs(u);
            };
        }

        public String print() {
            return name + "(" + a.print() + ")";
        }

        public int precedence() {
            return 5;
        }
    }

    private static String wrap(String s, boolean parens) {
        return parens ? "(" + s + ")" : s;
    }

    @Provide
    Arbitrary<Expr> trees() {
        return tree(4);
    }

    private Arbitrary<Expr> tree(int depth) {
        Arbitrary<Expr> leaves = Arbitraries.oneOf(
                Arbitraries.of("x").map(t -> new Leaf(t, 0, 0, 0)),
                Arbitraries.of("y").map(t -> new Leaf(t, 0, 0, 1)),
                Arbitraries.of("2", "0.5", ".25", "3", "1e-3", "1.5E1").map(t -> new Leaf(t, 0, 0, 2)));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> tree(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaves),
                net.jqwik.api.Tuple.of(4, net.jqwik.api.Combinators.combine(Arbitraries.of('+', '-', '*', '/', '<'), sub, sub)
                        .as(Binary::new)),
                // a real power whose exponent holds a variable, so it is never an integer literal
                net.jqwik.api.Tuple.of(1, sub.map(a -> new Binary('^', a, new Leaf("y", 0, 0, 1)))),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(sub, Arbitraries.of(0, 1, 2)).as(IntPow::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Neg::new)),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(Arbitraries.of("sin", "exp", "tanh", "abs"), sub)
                        .as(Call::new)));
    }

    @Property(tries = 1000)
    void printedTreeParsesToTheSameValue(@ForAll("trees") Expr tree,
                                         @ForAll("points") double x, @ForAll("points") double y) {
        String text = tree.print();
        double expected = tree.eval(x, y);
        double actual = Expressions.parse(text, List.of("x", "y")).evaluate(x, y)[0];
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, 0.0, text);
        } else {
            assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), text);
        }
    }

    @Provide
    Arbitrary<Double> points() {
        return Arbitraries.doubles().between(-2, 2).ofScale(3);
    }
}
