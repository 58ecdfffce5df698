package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.ode.SensitivityMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit result is built field by field by name, checked once, and cannot be changed afterwards. */
class FitResultTest {
    private static FitResult.Builder complete() {
        return FitResult.builder()
                .parameterNames(List.of("r", "K"))
                .values(new double[] {0.8, 100})
                .fitted(new boolean[] {true, false})
                .standardErrors(new double[] {0.0123, Double.NaN})
                .loss(2.5).lossName("sum of squares").observations(12).lossHistory(new double[] {10, 4, 2.5})
                .gradientNorm(3e-7)
                .optimizer("Levenberg-Marquardt").iterations(2).simulations(5)
                .convergence(true, "small step")
                .sensitivity(SensitivityMethod.FORWARD);
    }

    @Test
    void summaryReadsTheNamedFields() {
        FitResult r = complete().build();
        assertEquals("""
                  r                  0.800000  ± 0.0123
                  K                   100.000   (fixed)
                  sum of squares = 2.5000000 over 12 observations; 2 iterations, 5 simulations;
                  converged (small step), |gradient| = 3.00e-07, optimizer Levenberg-Marquardt, forward sensitivities
                """, r.summary());
        assertEquals(0.8, r.value("r"));
        assertEquals(0.0123, r.standardError("r"));
        assertEquals(12, r.observations());
        assertEquals("small step", r.reason());
    }

    @Test
    void isImmutable() {
        double[] values = {0.8, 100};
        FitResult r = complete().values(values).build();
        values[0] = -1;
        r.values()[1] = -1;
        r.lossHistory()[0] = -1;
        r.fitted()[1] = true;
        assertArrayEquals(new double[] {0.8, 100}, r.values());
        assertArrayEquals(new double[] {10, 4, 2.5}, r.lossHistory());
        assertArrayEquals(new boolean[] {true, false}, r.fitted());
        assertThrows(UnsupportedOperationException.class, () -> r.parameterNames().add("x"));
    }

    @Test
    void aMissingOrInconsistentFieldIsNamed() {
        LeibnizException missing = assertThrows(LeibnizException.class,
                () -> complete().sensitivity(null).build());
        assertEquals("fit result: sensitivity is not set", missing.getMessage());
        LeibnizException noLoss = assertThrows(LeibnizException.class, () -> FitResult.builder()
                .parameterNames(List.of("r")).values(new double[] {1}).fitted(new boolean[] {true})
                .standardErrors(new double[] {1}).build());
        assertEquals("fit result: loss is not set", noLoss.getMessage());
        LeibnizException lengths = assertThrows(LeibnizException.class,
                () -> complete().values(new double[] {1}).build());
        assertTrue(lengths.getMessage().contains("2 parameter names but 1 values"), lengths.getMessage());
        LeibnizException unknown = assertThrows(LeibnizException.class, () -> complete().build().value("zeta"));
        assertTrue(unknown.getMessage().contains("no parameter 'zeta'"), unknown.getMessage());
    }
}
