package dev.leibniz.core.contract;

import dev.leibniz.core.Program;
import dev.leibniz.core.ReverseMode;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reverse mode as a graph transformation, built from the symbolic partials and evaluated by the
 * interpreter: {@link ReverseMode#vjpGraph} (inputs x…, ct_f; outputs vjp_x…) for the case's
 * cotangent, and for a scalar output {@link ReverseMode#gradientGraph} (outputs f, df/dx…) for
 * the value and the gradient.
 */
public final class ReverseGraphBackEnd implements BackEnd {
    private final Map<Spec, Program> vjps = new ConcurrentHashMap<>();
    private final Map<Spec, Program> gradients = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "reverse-graph";
    }

    @Override
    public boolean supports(Case c) {
        return true;
    }

    @Override
    public Outcome run(Case c) {
        Program vjp = vjps.computeIfAbsent(c.spec(), s -> ReverseMode.vjpGraph(s.graph()).compile());
        double[][] in = Arrays.copyOf(c.inputs(), c.inputs().length + 1);
        in[in.length - 1] = c.cotangent();
        Outcome out = Outcome.NOTHING.withVjp(vjp.evaluate(in));
        if (!c.spec().isScalarGraph()) {
            return out;
        }
        Program grad = gradients.computeIfAbsent(c.spec(), s -> ReverseMode.gradientGraph(s.graph()).compile());
        double[] fg = grad.evaluate(c.scalarInputs());
        return out.withValue(fg[0]).withJacobianRow(Arrays.copyOfRange(fg, 1, fg.length));
    }

    @Override
    public Exactness exactness() {
        return SymbolicTolerance.EXACTNESS;
    }
}
