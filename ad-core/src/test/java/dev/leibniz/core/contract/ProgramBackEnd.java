package dev.leibniz.core.contract;

import dev.leibniz.core.AnomalyException;
import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.Gradient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Program} as a back end: {@code evaluate} and {@code vjp} for a scalar graph (the
 * scalar fast paths), the array forms of {@code evaluate} and {@code vjp} for a graph with matrix
 * nodes, and the presence flags of {@code gradient}. Subclasses choose how the program is made
 * (interpreted, compiled) and the evaluation options (anomaly detection).
 */
abstract class ProgramBackEnd implements BackEnd {
    private final Map<Spec, Program> programs = new ConcurrentHashMap<>();
    private final EvalOptions options;

    ProgramBackEnd(EvalOptions options) {
        this.options = options;
    }

    /** The program of a graph, made once per spec. */
    abstract Program program(Graph g);

    /** Whether to report presence flags (not under anomaly detection: its unit-seeded sweep may fire where vᵀJ does not). */
    boolean reportsPresence() {
        return !options.detectAnomalies();
    }

    @Override
    public boolean supports(Case c) {
        return true;
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }

    @Override
    public Outcome run(Case c) {
        Program p = programs.computeIfAbsent(c.spec(), s -> program(s.graph()));
        try {
            if (c.spec().isScalarGraph()) {
                double[] x = c.scalarInputs();
                Outcome out = Outcome.NOTHING.withValue(p.evaluate(options, x)[0])
                        .withScalarVjp(p.vjp(options, x, c.cotangent()));
                return reportsPresence() ? out.withPresence(p.gradient(0, options, x).presence()) : out;
            }
            double[][] in = c.inputs();
            Outcome out = Outcome.NOTHING.withValue(p.evaluate(options, in)[0])
                    .withVjp(p.vjp(options, in, new double[][] {c.cotangent()}));
            if (reportsPresence() && c.spec().outputShape().isScalar()) {
                Gradient tg = p.gradient(0, options, in);
                boolean[] present = new boolean[in.length];
                for (int k = 0; k < present.length; k++) {
                    present[k] = tg.isPresent(k);
                }
                out = out.withPresence(present);
            }
            return out;
        } catch (AnomalyException e) {
            return Outcome.anomaly(e.getMessage());
        }
    }
}
