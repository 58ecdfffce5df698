package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.ode.Method;
import dev.leibniz.ode.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * A model file's {@code solve} line sets the method, tolerances and step limits of its simulator;
 * bad values are errors at their line and column, with the option's name.
 */
class SolveLineTest {
    private static final String DECAY = String.join("\n",
            "param k = 2",
            "state y = 1",
            "der(y) = -k*y");

    private static ModelSpec parse(String solveLine) {
        return ModelParser.parse("decay.model", DECAY + "\n" + solveLine);
    }

    @Test
    void everyKeyReachesTheSimulatorsOptions() {
        ModelSpec m = parse("solve method = rodas5p, rtol = 1e-8, atol = 1e-11, max_steps = 5000, max_step = 0.25");
        assertEquals(new SolveSettings(Method.RODAS5P, 1e-8, 1e-11, 5000, 0.25), m.solve());
        SolverOptions o = new OdeSimulator(m).options();
        assertEquals(Method.RODAS5P, o.method());
        assertEquals(1e-8, o.relativeTolerance());
        assertEquals(1e-11, o.absoluteTolerance());
        assertEquals(5000, o.maxSteps());
        assertEquals(0.25, o.maxStep());
        // the copy with other parameter values keeps the line
        assertEquals(m.solve(), m.withInitialParameters(new double[] {3}).solve());
    }

    /** RADAU5 is a method like any other in a model file, and its solution is the closed form's. */
    @Test
    void radau5FromTheSolveLine() {
        ModelSpec m = parse("solve method = radau5, rtol = 1e-9, atol = 1e-12");
        assertEquals(Method.RADAU5, new OdeSimulator(m).options().method());
        double y1 = dev.leibniz.ode.Ode.solve(m.problem(), new double[] {2}, new double[] {1},
                new OdeSimulator(m).options()).value(0, 0);
        assertEquals(Math.exp(-2), y1, 1e-8);
    }

    @Test
    void keysAreOptionalAndTheRestComesFromTheDefaults() {
        SolverOptions o = new OdeSimulator(parse("solve rtol = 1e-4")).options();
        assertEquals(1e-4, o.relativeTolerance());
        assertEquals(OdeSimulator.DEFAULT_OPTIONS.absoluteTolerance(), o.absoluteTolerance());
        assertEquals(OdeSimulator.DEFAULT_OPTIONS.method(), o.method());
        assertEquals(SolveSettings.NONE, ModelParser.parse("decay.model", DECAY).solve());
        assertEquals(OdeSimulator.DEFAULT_OPTIONS, new OdeSimulator(ModelParser.parse("decay.model", DECAY)).options());
    }

    private static void assertError(String solveLine, int column, String detail) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> parse(solveLine));
        assertEquals(4, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(detail, e.detail());
    }

    @Test
    void badValuesAreErrorsAtTheirColumn() {
        assertError("solve rtol = 0", 14, "the relative tolerance (rtol, --rtol) must be positive and finite, got 0.0");
        assertError("solve atol = -1e-9", 14,
                "the absolute tolerance (atol, --atol) must be positive and finite, got -1.0E-9");
        assertError("solve max_steps = -3", 19, "the step budget (maxSteps, --max-steps) must be at least 1, got -3");
        assertError("solve max_steps = 2.5", 19, "the step budget max_steps must be a whole number, got 2.5");
        assertError("solve max_step = 0", 18, "the maximum step (maxStep, --max-step) must be positive, got 0.0");
        assertError("solve method = rk45", 16, "unknown method 'rk45'; the methods are "
                + String.join(", ", Method.names()));
        assertError("solve rtl = 1e-6", 7, "unknown solver setting 'rtl'; expected method, rtol, atol, max_steps or"
                + " max_step");
        assertError("solve rtol = 1e-6, rtol = 1e-7", 20, "duplicate solver setting 'rtol'");
        assertError("solve rtol = 1e-6 atol = 1e-9", 19, "unexpected 'atol' after the solver settings; expected end"
                + " of line");
    }

    @Test
    void oneSolveLineAFile() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelParser.parse("decay.model", DECAY + "\nsolve rtol = 1e-6\nsolve atol = 1e-9"));
        assertEquals(5, e.line());
        assertEquals("duplicate 'solve' line; first at line 4", e.detail());
    }
}
