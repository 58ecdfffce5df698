package dev.leibniz.forward.contract;

import dev.leibniz.core.contract.BackEnd;
import dev.leibniz.core.contract.Case;
import dev.leibniz.core.contract.Exactness;
import dev.leibniz.core.contract.Outcome;
import dev.leibniz.core.contract.Spec;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.TangentLanes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ForwardProgram} with n + 1 tangent lanes in one sweep: lane 0 carries the case's tangent
 * (J·u), lane 1 + j the unit tangent of input j (column j of the Jacobian). Scalar graphs only.
 */
public final class ForwardLanesBackEnd implements BackEnd {
    private final Map<Spec, ForwardProgram> programs = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "forward-lanes";
    }

    @Override
    public boolean supports(Case c) {
        return c.spec().isScalarGraph();
    }

    @Override
    public Outcome run(Case c) {
        int n = c.inputs().length;
        int lanes = n + 1;
        ForwardProgram p = programs.computeIfAbsent(c.spec(), s -> ForwardProgram.prepare(s.graph(), lanes));
        TangentLanes ws = p.newWorkspace();
        double[] t = c.scalarTangent();
        double[] seeds = new double[n * lanes];
        for (int j = 0; j < n; j++) {
            seeds[j * lanes] = t[j];
            seeds[j * lanes + 1 + j] = 1.0;
        }
        p.jvp(c.scalarInputs(), seeds, ws);
        double[] columns = new double[n];
        for (int j = 0; j < n; j++) {
            columns[j] = p.outputTangent(ws, 0, 1 + j);
        }
        return Outcome.NOTHING.withValue(p.outputValue(ws, 0)).withJvp(p.outputTangent(ws, 0, 0))
                .withJacobianColumns(columns);
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
