package dev.leibniz.core.contract;

import dev.leibniz.core.Program;
import dev.leibniz.core.ReverseMode;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reverse mode as a graph transformation: {@link ReverseMode#vjpGraph} (inputs x…, ct_f; outputs
 * vjp_x…) built from the symbolic partials, evaluated by the interpreter.
 */
public final class ReverseGraphBackEnd implements BackEnd {
    private final Map<Spec, Program> programs = new ConcurrentHashMap<>();

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
        Program p = programs.computeIfAbsent(c.spec(), s -> ReverseMode.vjpGraph(s.graph()).compile());
        double[][] in = Arrays.copyOf(c.inputs(), c.inputs().length + 1);
        in[in.length - 1] = c.cotangent();
        return Outcome.NOTHING.withVjp(p.evaluateTensors(in));
    }

    @Override
    public Exactness exactness() {
        return SymbolicTolerance.EXACTNESS;
    }
}
