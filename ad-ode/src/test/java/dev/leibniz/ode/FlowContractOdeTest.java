package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Var;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The flow contract ({@code dev.leibniz.core.prim.Flow}) through a whole solve: the right-hand
 * side {@code y' = −k·y + sqrt(relu(−y)) + sqrt(select(y > 0, 0, 1)) + sqrt(1 − gt(y, 0))} equals
 * {@code −k·y} while y > 0, but its reverse sweep meets sqrt'(0) = ∞ times an exact-zero partial
 * (relu below 0) and along NONE edges (a select's condition, a comparison's operand). Oracle: the
 * closed form of exponential decay; before the contract the adjoint methods gave NaN.
 */
class FlowContractOdeTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-10, 1e-12);

    private static OdeProblem decayWithFlatTerms() {
        return OdeProblem.builder()
                .states("y")
                .parameters("k", "y0")
                .rhs((t, y, p) -> {
                    Var u = y[0];
                    Var flat = u.neg().relu().sqrt()
                            .add(Var.select(u.gt(0.0), u.constant(0.0), u.constant(1.0)).sqrt())
                            .add(u.constant(1.0).sub(u.gt(0.0)).sqrt());
                    return new Var[] {p[0].mul(u).neg().add(flat)};
                })
                .initial(p -> new Var[] {p[1]})
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = SensitivityMethod.class, names = {"FORWARD", "DISCRETE_ADJOINT", "CONTINUOUS_ADJOINT"})
    void gradientMatchesTheClosedForm(SensitivityMethod method) {
        double k = 0.7;
        double y0 = 2.0;
        double T = 3.0;
        TrajectoryLoss last = (times, states, params, dStates, dParams) -> {
            dStates[states.length - 1][0] = 1.0;
            return states[states.length - 1][0];
        };
        LossGradient g = Ode.gradient(decayWithFlatTerms(), new double[] {k, y0}, new double[] {1.0, T}, last,
                method, TIGHT);
        double e = Math.exp(-k * T);
        assertEquals(y0 * e, g.value(), 1e-10);
        assertEquals(-T * y0 * e, g.gradient("k"), 1e-8, "dy(T)/dk = -T y0 exp(-kT)");
        assertEquals(e, g.gradient("y0"), 1e-8, "dy(T)/dy0 = exp(-kT)");
    }
}
