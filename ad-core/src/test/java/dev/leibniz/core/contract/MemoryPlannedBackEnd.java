package dev.leibniz.core.contract;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.memory.MemoryPlannedGradient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MemoryPlannedGradient}: the reverse sweep that keeps only the saved values (the rest are
 * poisoned with NaN before the backward pass). It gives the value and the gradient of the output
 * (seeded with 1), with presence flags; scalar graphs only.
 */
public final class MemoryPlannedBackEnd implements BackEnd {
    private final Map<Spec, MemoryPlannedGradient> plans = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "memory-planned";
    }

    @Override
    public boolean supports(Case c) {
        return c.spec().isScalarGraph();
    }

    @Override
    public Outcome run(Case c) {
        MemoryPlannedGradient plan = plans.computeIfAbsent(c.spec(), s -> MemoryPlannedGradient.plan(s.graph(), 0));
        Gradient g = plan.run(Subgradients.DEFAULT, c.scalarInputs()).gradient();
        return Outcome.NOTHING.withValue(g.value()).withJacobianRow(g.toArray()).withPresence(g.presence());
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
