package dev.leibniz.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gives an ExpressionSyntaxException with the column and what was expected. */
class ExpressionErrorsTest {

    private static ExpressionSyntaxException fails(String text) {
        return assertThrows(ExpressionSyntaxException.class, () -> Expressions.parse(text));
    }

    private static void assertError(String text, int column, String message) {
        ExpressionSyntaxException e = fails(text);
        assertEquals(message, e.getMessage());
        assertEquals(column, e.column());
    }

    @Test
    void missingClosingParenthesis() {
        assertError("sin(x", 6, "column 6: expected ',' or ')' but found end of input");
        assertError("(x+1", 5, "column 5: expected ')' but found end of input");
        assertError("(x y)", 4, "column 4: expected ')' but found 'y'");
        assertEquals("')'", fails("(x+1").expected());
    }

    @Test
    void unexpectedTokens() {
        assertError("2*(x+y))", 8, "column 8: expected an operator or end of input but found ')'");
        assertError("x +", 4, "column 4: expected a number, a name or '(' but found end of input");
        assertError("x * / y", 5, "column 5: expected a number, a name or '(' but found '/'");
        assertError("x + * y", 5, "column 5: expected a number, a name or '(' but found '*'");
        assertError("2 x", 3, "column 3: expected an operator or end of input but found 'x'");
        // a letter right after a number: an implicit product, which the grammar does not have
        assertError("2exp(x)", 2, "column 2: unexpected 'e' right after the number 2; write a '*' for a product");
        assertError("3*2x", 4, "column 4: unexpected 'x' right after the number 2; write a '*' for a product");
        assertError("x; y", 2, "column 2: expected an operator or end of input but found ';'");
        assertError("max(x,)", 7, "column 7: expected a number, a name or '(' but found ')'");
    }

    @Test
    void emptyInput() {
        assertError("", 1, "column 1: empty input: expected an expression");
        assertError("   \t", 1, "column 1: empty input: expected an expression");
        assertThrows(ExpressionSyntaxException.class, () -> Expressions.parse(null));
        assertThrows(ExpressionSyntaxException.class, () -> Expressions.parseAll(""));
        assertThrows(ExpressionSyntaxException.class, () -> Expressions.parseAll("x;;y"));
    }

    @Test
    void unknownFunctionListsTheKnownOnes() {
        ExpressionSyntaxException e = fails("1 + foo(x)");
        assertEquals(5, e.column());
        assertTrue(e.getMessage().startsWith("column 5: unknown function 'foo' (known: "), e.getMessage());
        assertTrue(e.getMessage().contains("sin") && e.getMessage().contains("logsumexp"), e.getMessage());
        assertTrue(fails("input(x)").getMessage().startsWith("column 1: unknown function 'input'"));
        assertTrue(fails("const(2)").getMessage().startsWith("column 1: unknown function 'const'"));
        assertTrue(fails("softmax_xent(x, y)").getMessage().contains("cannot be called from an expression"));
    }

    @Test
    void wrongNumberOfArguments() {
        assertError("1+sin(x, y)", 3, "column 3: 'sin' takes 1 argument, got 2");
        assertError("max(x)", 1, "column 1: 'max' takes 2 arguments, got 1");
        assertError("select(x, y)", 1, "column 1: 'select' takes 3 arguments, got 2");
        assertError("logsumexp()", 1, "column 1: 'logsumexp' takes at least 1 argument, got 0");
        assertError("exp()", 1, "column 1: 'exp' takes 1 argument, got 0");
        assertError("powi(x)", 1, "column 1: 'powi' takes 2 arguments, got 1");
        assertEquals(9, fails("powi(x, y)").column()); // the column of the exponent
    }

    @Test
    void powiNeedsAnIntegerLiteral() {
        ExpressionSyntaxException e = fails("powi(x, 2.5)");
        assertEquals(9, e.column());
        assertTrue(e.getMessage().contains("integer literal exponent"), e.getMessage());
    }

    @Test
    void unknownVariableListsTheDeclaredOnes() {
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class,
                () -> Expressions.parse("x + z", List.of("x", "y")));
        assertEquals("unknown variable 'z' at column 5; variables are [x, y]", e.getMessage());
        assertEquals(5, e.column());
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        ExpressionSyntaxException f = assertThrows(ExpressionSyntaxException.class,
                () -> Expressions.parseInto("2*x*w", Map.of("x", x), b));
        assertEquals("unknown variable 'w' at column 5; variables are [x]", f.getMessage());
    }

    @Test
    void namesInTheWrongRole() {
        assertError("sin + 1", 1, "column 1: 'sin' is a function: expected '(' after it");
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class,
                () -> Expressions.parse("x(2)", List.of("x")));
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("'x' is a variable, not a function"), e.getMessage());
    }

    @Test
    void badNumbers() {
        assertError("1e + x", 1, "column 1: bad number '1e': expected digits after the exponent");
        assertError("2*1e+", 3, "column 3: bad number '1e+': expected digits after the exponent");
        assertError("1.2.3", 1, "column 1: bad number '1.2.3': a number has at most one decimal point");
        assertError("x + .", 5, "column 5: bad number '.': expected digits");
        assertError("1e999", 1, "column 1: bad number '1e999': too large for a double");
    }

    @Test
    void badCharactersAndOperators() {
        assertError("x $ y", 3, "column 3: unexpected character '$'");
        assertError("x = y", 3, "column 3: expected '==' but found '=' (there is no assignment in an expression)");
        assertError("x < y < z", 7, "column 7: comparisons do not chain: write (a < b)*(b < c) rather than a < b < c");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        char[] open = new char[100_000];
        Arrays.fill(open, '(');
        ExpressionSyntaxException e = fails(new String(open) + "x");
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        char[] minus = new char[100_000];
        Arrays.fill(minus, '-');
        assertTrue(fails(new String(minus) + "x").getMessage().contains("nested too deeply"));
        // within the limit it works
        String ok = "(".repeat(150) + "x" + ")".repeat(150);
        assertEquals(2.0, Expressions.parse(ok).evaluate(2.0)[0], 0.0);
    }

    @Test
    void badVariableListsAndEnvironments() {
        assertThrows(GraphException.class, () -> Expressions.parse("x", List.of("x", "x")));
        assertThrows(GraphException.class, () -> Expressions.parse("x", List.of("2x")));
        assertThrows(GraphException.class, () -> Expressions.parse("x", null));
        assertThrows(GraphException.class, () -> Expressions.parse("x", Arrays.asList("x", null)));
        GraphBuilder b = GraphBuilder.tracing();
        GraphBuilder other = GraphBuilder.tracing();
        Var foreign = other.input("x");
        assertThrows(GraphException.class, () -> Expressions.parseInto("x", Map.of("x", foreign), b));
        assertThrows(GraphException.class, () -> Expressions.parseInto("x", null, b));
        assertThrows(GraphException.class, () -> Expressions.parseInto("x", Map.of(), null));
        assertThrows(GraphException.class,
                () -> new ExpressionParser(GraphBuilder.recording(Subgradients.DEFAULT), Map.of(), true));
        // all of these are the project's own exceptions
        assertTrue(LeibnizException.class.isAssignableFrom(ExpressionSyntaxException.class));
    }
}
