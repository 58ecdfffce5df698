package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Program;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code input} lines and models without states: what the parser accepts, and each error with file:line:col. */
class AlgebraicModelTest {
    static final String HILL = String.join("\n",
            "# dose-response (Hill) curve",
            "input dose",
            "param top = 100",
            "param ec50 = 2 in [0, inf]",
            "const n = 1.5",
            "output response = top * dose^n / (ec50^n + dose^n)");

    private static ModelFileException fail(String text) {
        return assertThrows(ModelFileException.class, () -> ModelParser.parse("m.model", text));
    }

    private static void assertAt(ModelFileException e, int line, int column) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("m.model:" + line + ":" + column + ": "), e.getMessage());
    }

    @Test
    void algebraicModelHasInputsAndOutputsAndNoStates() {
        ModelSpec m = ModelParser.parse("hill.model", HILL);
        assertTrue(m.isAlgebraic());
        assertEquals(List.of("dose"), m.inputNames());
        assertEquals(new Position(2, 7), m.inputs().get(0).position());
        assertEquals(List.of("response"), m.outputNames());
        assertEquals(List.of(), m.stateNames());
        assertNull(m.timeColumn());
    }

    @Test
    void algebraicGraphEvaluatesTheOutputAndItsExactGradient() {
        Program g = ModelParser.parse("hill.model", HILL).algebraicGraph().compile();
        double dose = 3;
        double top = 80;
        double ec50 = 2.5;
        double n = 1.5;
        double d = Math.pow(ec50, n) + Math.pow(dose, n);
        assertEquals(top * Math.pow(dose, n) / d, g.evaluate(dose, top, ec50)[0], 1e-12);
        double[] grad = g.gradient(dose, top, ec50).toArray();
        // closed forms: ∂/∂top = dⁿ/(cⁿ + dⁿ); ∂/∂ec50 = −top·dⁿ·n·cⁿ⁻¹/(cⁿ + dⁿ)²
        assertEquals(Math.pow(dose, n) / d, grad[1], 1e-12);
        assertEquals(-top * Math.pow(dose, n) * n * Math.pow(ec50, n - 1) / (d * d), grad[2], 1e-12);
    }

    @Test
    void severalInputsOnOneLineOrMany() {
        ModelSpec m = ModelParser.parse("m.model", "input x1, x2\ninput x3\nparam a = 1\noutput y = a*x1 + x2 - x3");
        assertEquals(List.of("x1", "x2", "x3"), m.inputNames());
        assertEquals(1 * 2.0 + 3 - 4, m.algebraicGraph().compile().evaluate(2, 3, 4, 1)[0], 0);
    }

    @Test
    void odeModelIsNotAlgebraicAndMayNameItsTimeColumn() {
        ModelSpec m = ModelParser.parse("m.model", "time Year\nstate x = 1\nder(x) = -x");
        assertFalse(m.isAlgebraic());
        assertEquals("Year", m.timeColumn());
    }

    @Test
    void neitherOutputsNorStates() {
        ModelFileException e = fail("input x\nparam a = 1\n");
        assertAt(e, 1, 1);
        assertTrue(e.detail().startsWith("the model defines neither outputs nor states"), e.detail());
    }

    @Test
    void inputInAnOdeModel() {
        ModelFileException e = fail("state y = 1\nder(y) = -y\ninput x");
        assertAt(e, 3, 7);
        assertEquals("'input x' in a model with states: inputs are the predictors of an algebraic model (no state"
                + " lines); an ODE model's independent variable is t (a forcing that switches in time is an input"
                + " function: 'input x(t) = A, B from T')", e.detail());
    }

    @Test
    void timeInAnAlgebraicModel() {
        ModelFileException e = fail("input x\nparam a = 1\noutput y = a*t");
        assertAt(e, 3, 14);
        assertEquals("'t' cannot be used in a model without states: it has no time; declare the predictor as a data"
                + " column with 'input NAME'", e.detail());
    }

    @Test
    void inputUsedInAConst() {
        ModelFileException e = fail("input x\nconst c = 2*x\noutput y = c");
        assertAt(e, 2, 13);
        assertEquals("'x' is an input and cannot be used here: a const may use only consts and params (it is fixed in"
                + " time)", e.detail());
    }

    @Test
    void inputDefinedTwice() {
        ModelFileException e = fail("input x\nparam x = 1\noutput y = x");
        assertAt(e, 2, 7);
        assertEquals("duplicate definition of 'x'; first defined at line 1 as an input", e.detail());
    }

    @Test
    void inputWithoutAName() {
        ModelFileException e = fail("input\noutput y = 1");
        assertAt(e, 1, 6);
        assertTrue(e.detail().startsWith("expected an input name (a data column) after 'input'"), e.detail());
    }

    @Test
    void timeLineInAnAlgebraicModel() {
        ModelFileException e = fail("time year\ninput x\noutput y = x");
        assertAt(e, 1, 6);
        assertTrue(e.detail().startsWith("a model without states has no time"), e.detail());
    }

    @Test
    void duplicateTimeLine() {
        ModelFileException e = fail("time year\ntime t\nstate x = 1\nder(x) = -x");
        assertAt(e, 2, 1);
        assertEquals("duplicate 'time' line; the time column is already 'year' (line 1)", e.detail());
    }
}
