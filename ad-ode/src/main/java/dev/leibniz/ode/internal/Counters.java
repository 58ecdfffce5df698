package dev.leibniz.ode.internal;

/** Work counters of one solve, shared by the systems (evaluations) and the driver (steps). */
public final class Counters {
    public int steps;
    public int rejected;
    public int rhsEvaluations;
    public int jvpEvaluations;
    public int vjpEvaluations;
    public int jacobianEvaluations;
    public int factorizations;
    /** Tangent lanes per evaluation of ∂f/∂y: n when dense, the number of colors when sparse; 0 when none. */
    public int jacobianSweeps;
    /** Accepted steps per method, for steppers that run more than one ({@link Stepper#methodName()}). */
    public final java.util.Map<String, Integer> stepsByMethod = new java.util.LinkedHashMap<>();
}
