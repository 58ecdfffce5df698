package dev.leibniz.core.contract;

import dev.leibniz.core.Program;
import dev.leibniz.core.ForwardMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forward mode as a graph transformation in ad-core: {@link TensorRules#jvpGraph} (inputs x…,
 * t_x…; output jvp_f), shape-aware, evaluated by the interpreter.
 */
public final class JvpGraphBackEnd implements BackEnd {
    private final Map<Spec, Program> programs = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "jvp-graph";
    }

    @Override
    public boolean supports(Case c) {
        return true;
    }

    @Override
    public Outcome run(Case c) {
        Program p = programs.computeIfAbsent(c.spec(), s -> ForwardMode.jvpGraph(s.graph()).compile());
        int n = c.inputs().length;
        double[][] in = new double[2 * n][];
        for (int k = 0; k < n; k++) {
            in[k] = c.inputs()[k];
            in[n + k] = c.tangent()[k];
        }
        // outputs: f's outputs, then one JVP per output
        return Outcome.NOTHING.withJvp(p.evaluate(in)[c.spec().graph().outputCount()]);
    }

    @Override
    public Exactness exactness() {
        return SymbolicTolerance.EXACTNESS;
    }
}
