package dev.leibniz.core.optim;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Program;

/**
 * Adapts a {@link Program} (a compiled graph whose output 0 is the scalar to minimise) to an
 * {@link Objective}: the value and gradient come from one forward and one reverse sweep,
 * {@code program.gradient(x)}. Absent gradient entries are written as 0, which is what a
 * full-batch method such as L-BFGS needs (a coordinate the output does not depend on is flat).
 */
final class ProgramObjective implements Objective {
    private final Program program;

    ProgramObjective(Program program) {
        if (program == null) {
            throw new OptimizationException("the program to minimise is null");
        }
        this.program = program;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradOut) {
        if (gradOut == null || x == null || gradOut.length != x.length) {
            throw new OptimizationException("gradient buffer of length " + (gradOut == null ? "null" : gradOut.length)
                    + " for " + (x == null ? "null" : x.length) + " parameters");
        }
        Gradient g = program.gradient(x);
        for (int i = 0; i < gradOut.length; i++) {
            gradOut[i] = g.isPresent(i) ? g.get(i) : 0.0;
        }
        return g.value();
    }
}
