package dev.leibniz.forward.contract;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.contract.BackEnd;
import dev.leibniz.core.contract.Case;
import dev.leibniz.core.contract.Exactness;
import dev.leibniz.core.contract.Outcome;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.forward.Dual;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Dual numbers: the case's graph walked node by node on {@link Dual}s seeded with the case's
 * tangent. A primitive that {@code Dual} names (its Hipparchus field methods, relu, max, …) goes
 * through that method, which is what user code calls; any other through {@link Dual#apply}. Duals
 * have no matrices, so this driver refuses a matrix graph with {@link Graph#requireScalar}.
 */
public final class DualBackEnd implements BackEnd {
    /** The named Dual methods, by primitive name. */
    private static final Map<String, BiFunction<Dual[], Double, Dual>> NAMED = Map.ofEntries(
            Map.entry("add", (x, p) -> x[0].add(x[1])),
            Map.entry("sub", (x, p) -> x[0].subtract(x[1])),
            Map.entry("mul", (x, p) -> x[0].multiply(x[1])),
            Map.entry("div", (x, p) -> x[0].divide(x[1])),
            Map.entry("neg", (x, p) -> x[0].negate()),
            Map.entry("square", (x, p) -> x[0].square()),
            Map.entry("powi", (x, p) -> x[0].pow((int) (double) p)),
            Map.entry("pow", (x, p) -> x[0].pow(x[1])),
            Map.entry("sqrt", (x, p) -> x[0].sqrt()),
            Map.entry("exp", (x, p) -> x[0].exp()),
            Map.entry("expm1", (x, p) -> x[0].expm1()),
            Map.entry("log", (x, p) -> x[0].log()),
            Map.entry("log1p", (x, p) -> x[0].log1p()),
            Map.entry("sin", (x, p) -> x[0].sin()),
            Map.entry("cos", (x, p) -> x[0].cos()),
            Map.entry("tan", (x, p) -> x[0].tan()),
            Map.entry("tanh", (x, p) -> x[0].tanh()),
            Map.entry("sigmoid", (x, p) -> x[0].sigmoid()),
            Map.entry("softplus", (x, p) -> x[0].softplus()),
            Map.entry("relu", (x, p) -> x[0].relu()),
            Map.entry("abs", (x, p) -> x[0].abs()),
            Map.entry("max", (x, p) -> x[0].max(x[1])),
            Map.entry("min", (x, p) -> x[0].min(x[1])),
            Map.entry("hypot", (x, p) -> x[0].hypot(x[1])));

    @Override
    public String name() {
        return "dual";
    }

    @Override
    public boolean supports(Case c) {
        return c.spec().isScalarGraph();
    }

    @Override
    public Outcome run(Case c) {
        Graph g = c.graph();
        g.requireScalar("dual numbers");
        double[] x = c.scalarInputs();
        double[] t = c.scalarTangent();
        Dual[] d = new Dual[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Primitive p = g.primitive(i);
            switch (p.kind()) {
                case INPUT -> d[i] = new Dual(x[(int) g.param(i)], t[(int) g.param(i)]);
                case CONSTANT -> d[i] = Dual.constant(g.param(i));
                default -> {
                    Dual[] args = new Dual[g.arity(i)];
                    for (int k = 0; k < args.length; k++) {
                        args[k] = d[g.arg(i, k)];
                    }
                    BiFunction<Dual[], Double, Dual> named = NAMED.get(p.name());
                    d[i] = named != null ? named.apply(args, g.param(i))
                            : Dual.apply(p, g.param(i), Subgradients.DEFAULT, args);
                }
            }
        }
        Dual out = d[g.outputNode(0)];
        return Outcome.NOTHING.withValue(out.value()).withJvp(out.tangent());
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
