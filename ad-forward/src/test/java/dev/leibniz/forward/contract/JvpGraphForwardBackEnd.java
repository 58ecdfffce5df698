package dev.leibniz.forward.contract;

import dev.leibniz.core.Program;
import dev.leibniz.core.contract.BackEnd;
import dev.leibniz.core.contract.Case;
import dev.leibniz.core.contract.Exactness;
import dev.leibniz.core.contract.Outcome;
import dev.leibniz.core.contract.Spec;
import dev.leibniz.core.contract.SymbolicTolerance;
import dev.leibniz.forward.JvpGraph;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ad-forward's symbolic forward mode, {@link JvpGraph#of} (inputs x…, t_x…; outputs f, jvp_f),
 * evaluated by the interpreter; matrix graphs through the matrix methods.
 */
public final class JvpGraphForwardBackEnd implements BackEnd {
    private final Map<Spec, Program> programs = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "jvp-graph-forward";
    }

    @Override
    public boolean supports(Case c) {
        return true;
    }

    @Override
    public Outcome run(Case c) {
        Program p = programs.computeIfAbsent(c.spec(), s -> JvpGraph.of(s.graph()).compile());
        if (!c.spec().isScalarGraph()) {
            int n = c.inputs().length;
            double[][] in = new double[2 * n][];
            for (int k = 0; k < n; k++) {
                in[k] = c.inputs()[k];
                in[n + k] = c.tangent()[k];
            }
            return Outcome.NOTHING.withJvp(p.evaluate(in)[1]);
        }
        double[] x = c.scalarInputs();
        double[] t = c.scalarTangent();
        double[] in = new double[2 * x.length];
        System.arraycopy(x, 0, in, 0, x.length);
        System.arraycopy(t, 0, in, x.length, t.length);
        double[] out = p.evaluate(in);
        return Outcome.NOTHING.withValue(out[0]).withJvp(out[1]);
    }

    @Override
    public Exactness exactness() {
        return SymbolicTolerance.EXACTNESS;
    }
}
