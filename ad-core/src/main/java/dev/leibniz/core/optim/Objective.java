package dev.leibniz.core.optim;

import dev.leibniz.core.Program;

/** A smooth function to minimise, f: ℝⁿ → ℝ, that computes its gradient along with its value. */
@FunctionalInterface
public interface Objective {

    /**
     * @param x       the point (not to be modified)
     * @param gradOut receives ∇f(x), same length as {@code x}
     * @return f(x)
     */
    double valueAndGradient(double[] x, double[] gradOut);

    /**
     * Output 0 of a compiled graph as an objective of all its inputs, differentiated in reverse
     * mode. An input with no path to the output has an absent gradient, which L-BFGS reads as 0:
     * the function does not change along that coordinate.
     */
    static Objective of(Program program) {
        return new ProgramObjective(program);
    }
}
