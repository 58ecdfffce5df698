package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One test per kind of error: file, line, column and the message are checked exactly. */
class ModelFileErrorsTest {
    private static final String LV = String.join("\n",
            "param alpha = 0.5",
            "param beta = 0.02",
            "param gamma = 0.8",
            "param delta = 0.02",
            "state hare = 30",
            "state lynx = 4",
            "der(hare) = alpha*hare - beta*hare*lynx",
            "der(lynx) = delta*hare*lynx - gama*lynx");

    private static ModelFileException fail(String text) {
        return assertThrows(ModelFileException.class, () -> ModelParser.parse("lotka.model", text));
    }

    private static void assertAt(ModelFileException e, int line, int column) {
        assertEquals("lotka.model", e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("lotka.model:" + line + ":" + column + ": "), e.getMessage());
    }

    @Test
    void unknownNameWithSuggestionAndKnownNames() {
        ModelFileException e = fail(LV);
        assertAt(e, 8, 31);
        assertEquals("lotka.model:8:31: unknown name 'gama'; did you mean 'gamma'? "
                + "(known: alpha, beta, gamma, delta, hare, lynx, t, pi, e, inf)", e.getMessage());
    }

    @Test
    void functionNameUsedAsName() {
        ModelFileException e = fail("state x = 1\nder(x) = exp + x");
        assertAt(e, 2, 10);
        assertTrue(e.detail().contains("'exp' is a function, call it as exp(…)"), e.detail());
    }

    @Test
    void duplicateDefinition() {
        ModelFileException e = fail("param k = 1\nstate x = 1\nder(x) = -k*x\nconst k = 2");
        assertAt(e, 4, 7);
        assertEquals("duplicate definition of 'k'; first defined at line 1 as a param", e.detail());
    }

    @Test
    void duplicateDer() {
        ModelFileException e = fail("state x = 1\nder(x) = -x\nder(x) = x");
        assertAt(e, 3, 5);
        assertTrue(e.detail().startsWith("duplicate der(x); first defined at line 2"), e.detail());
    }

    @Test
    void missingDer() {
        ModelFileException e = fail("state x = 1\nstate y = 2\nder(x) = -x");
        assertAt(e, 2, 7);
        assertEquals("state 'y' has no equation; expected a line 'der(y) = …'", e.detail());
    }

    @Test
    void extraDerOfUndefinedName() {
        ModelFileException e = fail("state x = 1\nder(x) = -x\nder(z) = 1");
        assertAt(e, 3, 5);
        assertTrue(e.detail().startsWith("der(z) has no state: 'z' is not defined"), e.detail());
    }

    @Test
    void extraDerOfParam() {
        ModelFileException e = fail("param k = 1\nstate x = 1\nder(x) = -x\nder(k) = 1");
        assertAt(e, 4, 5);
        assertEquals("der(k) has no state: 'k' is a param, not a state (states: x)", e.detail());
    }

    @Test
    void circularConsts() {
        ModelFileException e = fail("const a = b + 1\nconst b = 2*c\nconst c = a\nstate x = a\nder(x) = 0");
        assertAt(e, 1, 7);
        assertEquals("circular definition of consts: a -> b -> c -> a", e.detail());
    }

    @Test
    void selfReferentialOutput() {
        ModelFileException e = fail("state x = 1\nder(x) = 0\noutput y = y + x");
        assertAt(e, 3, 8);
        assertEquals("circular definition of outputs: y -> y", e.detail());
    }

    @Test
    void stateUsedInConst() {
        ModelFileException e = fail("state x = 1\nder(x) = c\nconst c = 2*x");
        assertAt(e, 3, 13);
        assertEquals("'x' is a state and cannot be used here: a const may use only consts and params (it is fixed in time)",
                e.detail());
    }

    @Test
    void timeUsedInInitialValue() {
        ModelFileException e = fail("state x = t\nder(x) = 1");
        assertAt(e, 1, 11);
        assertEquals("'t' cannot be used here: an initial value may use only consts and params", e.detail());
    }

    @Test
    void missingEquals() {
        ModelFileException e = fail("state x 1\nder(x) = 1");
        assertAt(e, 1, 9);
        assertEquals("expected '=' after 'state x', found number 1", e.detail());
    }

    @Test
    void unbalancedParenthesis() {
        ModelFileException e = fail("state x = 1\nder(x) = (x + 1");
        assertAt(e, 2, 16);
        // the expression is read by ad-core's parser: the messages of the one grammar (docs/expressions.md)
        assertEquals("expected ')' but found end of input", e.detail());
    }

    @Test
    void danglingOperator() {
        ModelFileException e = fail("state x = 1\nder(x) = x *");
        assertAt(e, 2, 13);
        assertEquals("expected a number, a name or '(' but found end of input", e.detail());
        ModelFileException empty = fail("state x = 1\nder(x) =   # nothing");
        assertAt(empty, 2, 9);
        assertEquals("expected an expression, found end of line", empty.detail());
    }

    @Test
    void trailingTokens() {
        ModelFileException e = fail("state x = 1\nder(x) = x y");
        assertAt(e, 2, 12);
        assertEquals("expected an operator or end of input but found 'y'", e.detail());
    }

    @Test
    void implicitProduct() {
        ModelFileException e = fail("state x = 1\nder(x) = 2x");
        assertAt(e, 2, 11);
        assertTrue(e.detail().contains("write a '*' for a product"), e.detail());
    }

    @Test
    void badCharacter() {
        ModelFileException e = fail("state x = 1\nder(x) = x % 2");
        assertAt(e, 2, 12);
        assertTrue(e.detail().startsWith("unexpected character '%'"), e.detail());
    }

    @Test
    void unknownStatement() {
        ModelFileException e = fail("state x = 1\nder(x) = 1\nparameter k = 2");
        assertAt(e, 3, 1);
        assertEquals("expected a statement: const, param, state, der(NAME), output, input, when, at, time, solve or t0; found 'parameter'", e.detail());
    }

    @Test
    void unknownFunctionWithSuggestion() {
        ModelFileException e = fail("state x = 1\nder(x) = sinn(x)");
        assertAt(e, 2, 10);
        assertTrue(e.detail().startsWith("unknown function 'sinn'; did you mean 'sin'? (known: "), e.detail());
    }

    @Test
    void wrongArgumentCount() {
        ModelFileException e = fail("state x = 1\nder(x) = -max(x)");
        assertAt(e, 2, 11);
        assertEquals("'max' takes 2 arguments, got 1", e.detail());
    }

    @Test
    void paramNeedsANumber() {
        ModelFileException e = fail("param k = 1/2\nstate x = 1\nder(x) = k");
        assertAt(e, 1, 12);
        assertTrue(e.detail().startsWith("unexpected '/' after the initial guess"), e.detail());
        ModelFileException e2 = fail("param k = a\nstate x = 1\nder(x) = k");
        assertAt(e2, 1, 11);
        assertTrue(e2.detail().startsWith("expected a number (the initial guess of 'k'"), e2.detail());
    }

    @Test
    void emptyBounds() {
        ModelFileException e = fail("param k = 1 in [2, 1]\nstate x = 1\nder(x) = k");
        assertAt(e, 1, 16);
        assertEquals("the bounds [2, 1] of 'k' are empty; expected LO < HI", e.detail());
    }

    @Test
    void initialGuessOutsideBounds() {
        ModelFileException e = fail("param k = 0 in [0, inf]\nstate x = 1\nder(x) = k");
        assertAt(e, 1, 11);
        assertEquals("the initial guess 0 of 'k' is not strictly inside its bounds [0, inf]", e.detail());
    }

    @Test
    void malformedBounds() {
        ModelFileException e = fail("param k = 1 in [0; 2]\nstate x = 1\nder(x) = k");
        assertAt(e, 1, 18);
        assertTrue(e.detail().startsWith("unexpected character ';'"), e.detail());
        ModelFileException e2 = fail("param k = 1 in [0 2]\nstate x = 1\nder(x) = k");
        assertAt(e2, 1, 19);
        assertEquals("expected ',' between the bounds, found number 2", e2.detail());
    }

    @Test
    void reservedName() {
        ModelFileException e = fail("param t = 1\nstate x = 1\nder(x) = 1");
        assertAt(e, 1, 7);
        assertEquals("'t' is reserved and cannot be defined as a param", e.detail());
    }

    @Test
    void noStates() {
        ModelFileException e = fail("# nothing\nparam k = 1\n");
        assertAt(e, 1, 1);
        assertTrue(e.detail().startsWith("the model defines neither outputs nor states"), e.detail());
    }

    @Test
    void duplicateT0() {
        ModelFileException e = fail("t0 = 1\nstate x = 1\nder(x) = 1\nt0 = 2");
        assertAt(e, 4, 1);
        assertEquals("duplicate definition of 't0'; first defined at line 1", e.detail());
    }

    @Test
    void derWithoutParentheses() {
        ModelFileException e = fail("state x = 1\nder x = 1");
        assertAt(e, 2, 5);
        assertEquals("expected '(' after 'der', found 'x'", e.detail());
    }
}
