package dev.leibniz.core.contract;

import java.util.EnumMap;
import java.util.Map;

/** The reference of one case and, made on demand once, its variants with the old flow rules. */
public final class Oracles {
    private final Case c;
    private final Map<FlowRule, Oracle> made = new EnumMap<>(FlowRule.class);

    public Oracles(Case c) {
        this.c = c;
    }

    public Oracle of(FlowRule rule) {
        return made.computeIfAbsent(rule, r -> Oracle.of(c, r));
    }
}
