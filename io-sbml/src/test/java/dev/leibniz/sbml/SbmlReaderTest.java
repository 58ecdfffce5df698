package dev.leibniz.sbml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.Ode;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.ode.Solution;
import dev.leibniz.ode.SolverOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written SBML files, one feature each, against closed-form solutions derived in their comments. */
class SbmlReaderTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-13);

    static Path resource(String name) {
        try {
            return Path.of(SbmlReaderTest.class.getResource("/sbml/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concentrationsInCompartmentsOfDifferentSizes() {
        SbmlModel m = SbmlReader.read(resource("compartments.xml"));
        assertEquals(List.of("A", "B"), m.stateIds());
        assertEquals(List.of("c1", "c2", "k"), m.parameterIds());
        OdeProblem p = m.odeProblem();
        Solution s = Ode.solve(p, m.parameterValues(), new double[] {0, 1}, TIGHT);
        // [A](0) = amount 2 / size 2 = 1; [A] = e^{-kt}; [B] = 4 (1 - e^{-kt}) with k = 0.5
        assertEquals(1.0, s.value(0, "A"), 1e-15);
        assertEquals(Math.exp(-0.5), s.value(1, "A"), 1e-10);
        assertEquals(4 * (1 - Math.exp(-0.5)), s.value(1, "B"), 1e-10);
    }

    @Test
    void rulesLocalParametersFunctionsAndPiecewise() {
        SbmlModel m = SbmlReader.read(resource("rules.xml"));
        assertEquals(List.of("S", "P", "z"), m.stateIds());
        assertTrue(m.parameterIds().contains("decay.k"), m.parameterIds().toString());
        assertTrue(m.isAssigned("kprod"));
        Solution s = Ode.solve(m.odeProblem(), m.parameterValues(), new double[] {0, 1}, TIGHT);
        // S(0) = 2 p0 = 3; dS/dt = -(0.3 S cell)/cell (local k, not the global 100): S = 3 e^{-0.3 t}
        assertEquals(3.0, s.value(0, "S"), 1e-15);
        assertEquals(3 * Math.exp(-0.3), s.value(1, "S"), 1e-9);
        // P is an amount: initial concentration 1 in size 2 = 2; dP/dt = kprod = 0.2 (no division by the size)
        assertEquals(2.0, s.value(0, "P"), 1e-15);
        assertEquals(2.2, s.value(1, "P"), 1e-9);
        // dz/dt = 1 before t = 0.5, 2 after: z(1) = 1.5
        assertEquals(1.5, s.value(1, "z"), 1e-6);
    }

    @Test
    void theGradientReachesCompartmentSizesAndLocalParameters() {
        SbmlModel m = SbmlReader.read(resource("compartments.xml"));
        // d[B](1)/dc2 = -[B](1)/c2 (B = k [A] c1 / c2 integrated): -4(1 - e^{-0.5})/0.5
        var sens = Ode.forwardSensitivities(m.odeProblem(), m.parameterValues(), new double[] {1}, TIGHT);
        int b = m.stateIds().indexOf("B");
        int c2 = m.parameterIds().indexOf("c2");
        assertEquals(-4 * (1 - Math.exp(-0.5)) / 0.5, sens.parameter(0, b, c2), 1e-7);
    }

    @Test
    void eventsAreRefusedNamingTheEvent() {
        SbmlException e = assertThrows(SbmlException.class, () -> SbmlReader.read(resource("event.xml")));
        assertTrue(e.getMessage().contains("event 'dose'"), e.getMessage());
        assertTrue(e.getMessage().contains("event.xml"), e.getMessage());
    }

    @Test
    void algebraicRulesAreRefusedNamingTheRule() {
        SbmlException e = assertThrows(SbmlException.class, () -> SbmlReader.read(resource("algebraic.xml")));
        assertTrue(e.getMessage().contains("algebraic rule 'balance'"), e.getMessage());
    }

    @Test
    void delayIsRefusedNamingTheReaction() {
        SbmlModel m = SbmlReader.read(resource("delay.xml"));
        SbmlException e = assertThrows(SbmlException.class, m::odeProblem);
        assertTrue(e.getMessage().contains("reaction 'conversion'") && e.getMessage().contains("delay"), e.getMessage());
    }

    @Test
    void rateOfIsRefusedNamingTheReaction() {
        SbmlModel m = SbmlReader.read(resource("rateof.xml"));
        SbmlException e = assertThrows(SbmlException.class, m::odeProblem);
        assertTrue(e.getMessage().contains("reaction 'conversion'") && e.getMessage().contains("rateOf"), e.getMessage());
    }

    @Test
    void anUndefinedIdIsNamedWithItsReaction() {
        SbmlModel m = SbmlReader.read(resource("undefined.xml"));
        SbmlException e = assertThrows(SbmlException.class, m::odeProblem);
        assertTrue(e.getMessage().contains("'kcat'") && e.getMessage().contains("reaction 'conversion'"), e.getMessage());
    }

    @Test
    void anExternalEntityIsRefusedWithoutReadingTheFile() throws Exception {
        SbmlException e = assertThrows(SbmlException.class, () -> SbmlReader.read(resource("xxe.xml")));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
        assertTrue(e.getMessage().contains("xxe.xml:4"), e.getMessage());
        String secret = Files.exists(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).strip() : "";
        assertFalse(!secret.isEmpty() && e.getMessage().contains(secret), "the entity's file leaked into the message");
    }

    @Test
    void aBillionLaughsIsStoppedBeforeExpansion() {
        SbmlException e = assertThrows(SbmlException.class, () -> SbmlReader.read(resource("laughs.xml")));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        SbmlException e = assertThrows(SbmlException.class, () -> SbmlReader.read(Path.of("no-such-model.xml")));
        assertEquals("no-such-model.xml: no such file", e.getMessage());
    }
}
