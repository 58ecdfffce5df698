package dev.leibniz.core.expr;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** A misspelt function name gets the nearest known one suggested, as model files do. */
class FunctionSuggestionTest {
    private static String message(String text) {
        return assertThrows(ExpressionSyntaxException.class, () -> Expressions.parse(text)).getMessage();
    }

    @Test
    void typoSuggestsTheClosestFunction() {
        assertTrue(message("sinn(x)").startsWith("column 1: unknown function 'sinn'; did you mean 'sin'? (known: "),
                message("sinn(x)"));
        assertTrue(message("2*expp(x)").contains("did you mean 'exp'?"), message("2*expp(x)"));
        assertTrue(message("x + sqr(x)").contains("did you mean 'sqrt'?"), message("x + sqr(x)"));
    }

    @Test
    void nothingCloseSuggestsNothing() {
        String m = message("foo(x)");
        assertTrue(m.startsWith("column 1: unknown function 'foo' (known: "), m);
        assertFalse(m.contains("did you mean"), m);
    }
}
