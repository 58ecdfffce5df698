package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.FlowCases.Case;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flow contract ({@link dev.leibniz.core.prim.Flow}) in the fast interpreter
 * (the generated {@code Interpreter}, the default path of {@link Program} and {@link Recorder}) and in generated
 * code ({@link ExecutionMode#COMPILED}): the cases of {@link FlowCases} give df/dx = 1 there too,
 * as they do in the reference loops ({@link FlowContractTest}). The old sweeps gave NaN.
 */
class FlowContractCompiledTest {

    static List<Case> cases() {
        return FlowCases.CASES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fastInterpreterGradientVjpAndWorkspace(Case c) {
        Program p = c.scalarGraph().compile();
        assertEquals(ExecutionMode.INTERPRETED, p.executionMode());
        assertEquals(c.dfdx(), p.gradient(c.at()).get("x"), 0.0, c + ", gradient");
        assertEquals(c.dfdx(), p.vjp(new double[] {c.at()}, new double[] {1.0})[0], 0.0, c + ", vjp");
        double[] g = new double[1];
        p.valueAndGradient(p.newWorkspace(), new double[] {c.at()}, g, EvalOptions.DEFAULT);
        assertEquals(c.dfdx(), g[0], 0.0, c + ", workspace");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void compiledCode(Case c) {
        Program p = Program.compile(c.scalarGraph(), ExecutionMode.COMPILED);
        assertEquals(ExecutionMode.COMPILED, p.executionMode());
        assertEquals(c.dfdx(), p.gradient(c.at()).get("x"), 0.0, c + ", gradient");
        assertEquals(c.dfdx(), p.vjp(new double[] {c.at()}, new double[] {1.0})[0], 0.0, c + ", vjp");
        double[] g = new double[1];
        p.valueAndGradient(p.newWorkspace(), new double[] {c.at()}, g, EvalOptions.DEFAULT);
        assertEquals(c.dfdx(), g[0], 0.0, c + ", workspace");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void recorderOnScalars(Case c) {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", c.at());
        Var f = c.f().apply(x);
        assertEquals(c.dfdx(), rec.gradient(f).get("x"), 0.0, c + ", gradient");
        double[] g = new double[1];
        rec.valueAndGradient(f, g);
        assertEquals(c.dfdx(), g[0], 0.0, c + ", valueAndGradient");
    }
}
