package dev.leibniz.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one function table and grammar (issue 13, defect 8): what may be called, with how many
 * arguments as written, the constants, unary plus, and the syntax tree a model-file reader lowers
 * with its own names.
 */
class FunctionTableTest {
    private static final List<String> NEW = List.of("atan", "atan2", "hypot", "erf", "erfc", "asinh", "acosh", "atanh",
            "log1p", "expm1", "cbrt", "powi", "asin", "acos", "sinh", "cosh", "log10");

    @Test
    void theTableHasTheNewFunctionsAndHidesTheInternalPrimitives() {
        assertTrue(FunctionTable.names().containsAll(NEW), FunctionTable.names().toString());
        for (String hidden : List.of("input", "const", "mulz", "softmax_xent")) {
            assertFalse(FunctionTable.isFunction(hidden), hidden);
            assertFalse(FunctionTable.names().contains(hidden), hidden);
        }
        assertEquals(FunctionTable.names(), Expressions.functionNames());
    }

    @Test
    void arityIsAsWrittenInText() {
        assertEquals(2, FunctionTable.arity("powi")); // one argument and a parameter in the graph
        assertEquals(2, FunctionTable.arity("atan2"));
        assertEquals(2, FunctionTable.arity("pow"));
        assertEquals(1, FunctionTable.arity("erf"));
        assertEquals(3, FunctionTable.arity("select"));
        assertEquals(-1, FunctionTable.arity("logsumexp"));
        assertThrows(dev.leibniz.core.GraphException.class, () -> FunctionTable.arity("mulz"));
    }

    @Test
    void powAndPowiWithIntegerLiteralsAreTheExactIntegerPower() {
        for (String text : List.of("x^3", "pow(x, 3)", "powi(x, 3)")) {
            Graph g = Expressions.parse(text);
            assertTrue(g.toString().contains("powi 3"), text + "\n" + g);
            Gradient gr = g.compile().gradient(-2.0);
            assertEquals(-8.0, gr.value(), 0.0, text);
            assertEquals(12.0, gr.get("x"), 0.0, text);
        }
        assertTrue(Expressions.parse("powi(x, -2)").toString().contains("powi -2"));
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> Expressions.parse("powi(x, y)"));
        assertEquals(9, e.column());
    }

    @Test
    void constantsUnlessShadowed() {
        assertEquals(List.of("pi", "e", "inf"), FunctionTable.constantNames());
        assertEquals(Double.POSITIVE_INFINITY, Expressions.parse("inf").evaluate()[0]);
        assertEquals(Double.NEGATIVE_INFINITY, Expressions.parse("-inf").evaluate()[0]);
        assertEquals(-1.0, Expressions.parse("max(x, -inf)").evaluate(-1.0)[0]);
        assertEquals(List.of("x"), Expressions.parse("x*inf").inputNames());
        assertEquals(6.0, Expressions.parse("inf*2", List.of("inf")).evaluate(3.0)[0]);
        assertNull(FunctionTable.constant("tau"));
    }

    @Test
    void unaryPlusIsAccepted() {
        assertEquals(3.0, Expressions.parse("+x").evaluate(3.0)[0]);
        assertEquals(-3.0, Expressions.parse("+-x").evaluate(3.0)[0]);
        assertEquals(-2.0, Expressions.parse("1 - +3").evaluate()[0]);
    }

    @Test
    void aLongChainOfOperatorsNeedsNoDeepStack() {
        int n = 50_000;
        String text = String.join(" + ", java.util.Collections.nCopies(n, "x"));
        assertEquals(n * 0.5, Expressions.parse(text).evaluate(0.5)[0], 0.0);
    }

    @Test
    void theSyntaxTreeIsLoweredWithTheCallersNames() {
        Syntax tree = Expressions.syntax("a*sin(b) + pi - atan2(b, c)");
        List<String> names = new ArrayList<>();
        Syntax.forEachName(tree, n -> names.add(n.name() + "@" + n.column()));
        assertEquals(List.of("a@1", "b@7", "pi@12", "b@23", "c@26"), names);
        List<String> calls = new ArrayList<>();
        Syntax.forEachCall(tree, c -> calls.add(c.function()));
        assertEquals(List.of("sin", "atan2"), calls);

        GraphBuilder b = GraphBuilder.tracing();
        Map<String, Var> env = Map.of("a", b.input("a"), "b", b.input("b"), "c", b.input("c"));
        Var f = Expressions.lower(tree, b, env::get);
        double a = 2, bv = 0.5, c = -1.5;
        assertEquals(a * Math.sin(bv) + Math.PI - Math.atan2(bv, c), b.build("f", f).evaluate(a, bv, c)[0], 1e-15);
        GraphBuilder other = GraphBuilder.tracing();
        Var onlyA = other.input("a");
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class,
                () -> Expressions.lower(Expressions.syntax("a + zz"), other, name -> name.equals("a") ? onlyA : null));
        assertEquals(5, e.column());
        assertEquals("unknown variable 'zz' at column 5", e.getMessage());
    }

    @Test
    void checkNamesTheColumnOfTheProblem() {
        Syntax.Call call = (Syntax.Call) Expressions.syntax("atan2(x)");
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> FunctionTable.check(call));
        assertEquals("column 1: 'atan2' takes 2 arguments, got 1", e.getMessage());
        assertEquals("'atan2' takes 2 arguments, got 1", e.detail());
    }
}
