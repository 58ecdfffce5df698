package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 defect 10 end to end: {@code leibniz grad "sqrt(relu(x)) + x" --at x=-1} equals x near
 * −1, so df/dx = 1 in both modes (reverse printed NaN with exit 0; forward printed 1). The
 * reverse mode runs {@code Program.gradient}, i.e. the fast interpreter the lead rewrites.
 */
class FlowContractCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"reverse", "forward"})
    void sqrtOfReluBelowZeroHasDerivativeOne(String mode) {
        CliRun r = CliRun.of("grad", "sqrt(relu(x)) + x", "--at", "x=-1", "--mode", mode, "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(-1.0, j.get("value").asDouble(), 0.0);
        assertEquals(1.0, j.get("gradient").get("x").asDouble(), 0.0, mode);
    }
}
