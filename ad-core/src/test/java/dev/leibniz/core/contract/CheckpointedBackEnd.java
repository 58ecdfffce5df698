package dev.leibniz.core.contract;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.memory.CheckpointedGradient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CheckpointedGradient} with two segments, so the first segment is recomputed in the
 * backward pass: value, gradient (seeded with 1) and presence; scalar graphs only.
 */
public final class CheckpointedBackEnd implements BackEnd {
    private final Map<Spec, CheckpointedGradient> plans = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "checkpointed";
    }

    @Override
    public boolean supports(Case c) {
        return c.spec().isScalarGraph();
    }

    @Override
    public Outcome run(Case c) {
        CheckpointedGradient plan = plans.computeIfAbsent(c.spec(), s -> CheckpointedGradient.plan(s.graph(), 0, 2));
        Gradient g = plan.run(Subgradients.DEFAULT, c.scalarInputs()).gradient();
        return Outcome.NOTHING.withValue(g.value()).withJacobianRow(g.toArray()).withPresence(g.presence());
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
