package dev.leibniz.core.contract;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;

/**
 * The reference interpreter: a {@link Program} with {@link EvalOptions#detectAnomalies()} on,
 * which runs {@code Engine}'s reference loops (every node through its primitive's own rules) and
 * checks every value and adjoint. An anomaly exception is accepted only where the reference has a
 * non-finite value or adjoint.
 */
public final class AnomalyInterpreterBackEnd extends ProgramBackEnd {
    public AnomalyInterpreterBackEnd() {
        super(EvalOptions.DEFAULT.withAnomalyDetection(true));
    }

    @Override
    public String name() {
        return "interpreter-anomaly";
    }

    @Override
    Program program(Graph g) {
        return g.compile();
    }
}
