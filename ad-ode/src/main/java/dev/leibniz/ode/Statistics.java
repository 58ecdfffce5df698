package dev.leibniz.ode;

/**
 * What a solve cost. Evaluation counts are per evaluation of the right-hand side's graph
 * (a JVP or VJP costs a few evaluations' worth each). The last four counts belong to the adjoint
 * methods and are zero otherwise.
 *
 * @param steps               accepted steps of the forward solve
 * @param rejectedSteps       rejected trial steps (error too large or non-finite)
 * @param rhsEvaluations      evaluations of f (alone or with a JVP)
 * @param jvpEvaluations      tangent sweeps (forward sensitivities, ∂f/∂t)
 * @param vjpEvaluations      reverse sweeps (adjoints)
 * @param jacobianEvaluations evaluations of ∂f/∂y
 * @param factorizations      LU factorizations of I − hγJ
 * @param checkpoints         checkpoints held at the end of the forward pass
 * @param peakStoredStates    most state vectors held at once by the adjoint (checkpoints + one
 *                            segment's steps); grows with {@code maxCheckpoints}, not with steps
 * @param recomputedSteps     steps taken again from checkpoints on the backward pass
 * @param backwardSteps       accepted steps of the backward (continuous adjoint) solve
 * @param jacobianSweeps      tangent lanes one evaluation of ∂f/∂y takes: n for a dense Jacobian,
 *                            the number of column colors for a sparse one; 0 when no Jacobian was
 *                            needed (see {@link JacobianStrategy})
 * @param stepsByMethod       accepted steps per method when the solve switched methods
 *                            ({@link Method#AUTO}: e.g. {@code {dopri5=120, rodas5p=45}}); empty otherwise
 */
public record Statistics(int steps, int rejectedSteps, int rhsEvaluations, int jvpEvaluations, int vjpEvaluations,
                         int jacobianEvaluations, int factorizations, int checkpoints, int peakStoredStates,
                         int recomputedSteps, int backwardSteps, int jacobianSweeps,
                         java.util.Map<String, Integer> stepsByMethod) {

    public Statistics {
        stepsByMethod = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepsByMethod));
    }

    static Statistics of(dev.leibniz.ode.internal.Counters c) {
        return new Statistics(c.steps, c.rejected, c.rhsEvaluations, c.jvpEvaluations, c.vjpEvaluations,
                c.jacobianEvaluations, c.factorizations, 0, 0, 0, 0, c.jacobianSweeps, c.stepsByMethod);
    }

    Statistics withAdjoint(int checkpoints, int peakStoredStates, int recomputedSteps, int backwardSteps) {
        return new Statistics(steps, rejectedSteps, rhsEvaluations, jvpEvaluations, vjpEvaluations,
                jacobianEvaluations, factorizations, checkpoints, peakStoredStates, recomputedSteps, backwardSteps,
                jacobianSweeps, stepsByMethod);
    }

    /**
     * The work of two solves together, such as the pieces of a hybrid solve: counts add, steps by
     * method merge, the sweeps per Jacobian are the larger; the adjoint's counts are not carried.
     */
    Statistics plus(Statistics b) {
        Statistics a = this;
        java.util.Map<String, Integer> by = new java.util.LinkedHashMap<>(a.stepsByMethod());
        b.stepsByMethod().forEach((m, k) -> by.merge(m, k, Integer::sum));
        return new Statistics(a.steps() + b.steps(), a.rejectedSteps() + b.rejectedSteps(),
                a.rhsEvaluations() + b.rhsEvaluations(), a.jvpEvaluations() + b.jvpEvaluations(),
                a.vjpEvaluations() + b.vjpEvaluations(), a.jacobianEvaluations() + b.jacobianEvaluations(),
                a.factorizations() + b.factorizations(), 0, 0, 0, 0, Math.max(a.jacobianSweeps(), b.jacobianSweeps()),
                by);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(steps).append(" steps");
        if (!stepsByMethod.isEmpty()) {
            StringBuilder by = new StringBuilder();
            stepsByMethod.forEach((m, k) -> by.append(by.length() == 0 ? "" : ", ").append(m).append(' ').append(k));
            sb.append(" (").append(by).append(')');
        }
        sb.append(", ").append(rejectedSteps).append(" rejected, ").append(rhsEvaluations).append(" f evaluations");
        if (jvpEvaluations > 0) {
            sb.append(", ").append(jvpEvaluations).append(" JVPs");
        }
        if (vjpEvaluations > 0) {
            sb.append(", ").append(vjpEvaluations).append(" VJPs");
        }
        if (jacobianEvaluations > 0) {
            sb.append(", ").append(jacobianEvaluations).append(" Jacobians (").append(jacobianSweeps)
                    .append(jacobianSweeps == 1 ? " sweep" : " sweeps").append(" each), ").append(factorizations)
                    .append(" LU");
        }
        if (peakStoredStates > 0) {
            sb.append(", ").append(checkpoints).append(" checkpoints, peak ").append(peakStoredStates)
                    .append(" stored states, ").append(recomputedSteps).append(" recomputed steps");
        }
        if (backwardSteps > 0) {
            sb.append(", ").append(backwardSteps).append(" backward steps");
        }
        return sb.toString();
    }
}
