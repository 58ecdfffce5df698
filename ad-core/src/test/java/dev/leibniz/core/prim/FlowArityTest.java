package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The flow table answers by bit masks of 64 arguments, and a variadic primitive's arguments beyond
 * the 64th share the answer of argument 63. This checks that assumption against every registered
 * primitive's own declaration, up to 200 arguments, so a variadic primitive whose dependence
 * changes after the 64th argument (a fixed limit that would silently drop or add edges, the
 * kind of gap issue 13, defect 5 found in sparsity) fails here instead.
 */
class FlowArityTest {

    @Test
    void theFlowTableAgreesWithEveryDeclarationForEveryArgument() {
        int checked = 0;
        for (Primitive p : Primitives.all()) {
            int n = p.arity() < 0 ? 200 : p.arity();
            for (int k = 0; k < n; k++) {
                assertEquals(p.dependence(k) != Dependence.NONE, Flow.flows(p.code(), k), p.name() + ", argument " + k);
                checked++;
            }
        }
        assertTrue(checked > 3 * 200, "the variadic primitives were checked: " + checked);
    }
}
