package dev.leibniz.ode;

import java.util.List;

/**
 * The solution of a {@link HybridProblem}: the states (and, from
 * {@link HybridProblem#forwardSensitivities}, their sensitivities) at the output times up to a
 * terminal event, and every event that fired, in order, with its time and — with sensitivities —
 * the derivative of that time with respect to the parameters.
 */
public final class HybridSolution {
    /**
     * One event that fired.
     *
     * @param event         its index in {@link HybridProblem#events()}
     * @param label         its label
     * @param time          when it fired (a zero crossing's located time τ)
     * @param timeGradient  dτ/dp (total; zero for a time event), or null without sensitivities
     */
    public record FiredEvent(int event, String label, double time, double[] timeGradient) {
        /** dτ/dp_j. */
        public double timeGradient(int j) {
            return timeGradient[j];
        }
    }

    private final Solution solution;
    private final Sensitivities sensitivities;
    private final List<FiredEvent> fired;
    private final double stopTime;
    private final double[] stopState;
    private final double[][] stopSensitivity;
    /** The segments between events, for the discrete adjoint. */
    private final List<EventRun.Segment> segments;

    HybridSolution(Solution solution, Sensitivities sensitivities, List<FiredEvent> fired, double stopTime,
                   double[] stopState, double[][] stopSensitivity, List<EventRun.Segment> segments) {
        this.solution = solution;
        this.sensitivities = sensitivities;
        this.fired = List.copyOf(fired);
        this.stopTime = stopTime;
        this.stopState = stopState;
        this.stopSensitivity = stopSensitivity;
        this.segments = segments;
    }

    /** The states at the output times up to the stop ({@link Solution#size()} may be fewer than asked for). */
    public Solution solution() {
        return solution;
    }

    /** The sensitivities at the same times, or null when they were not computed. */
    public Sensitivities sensitivities() {
        return sensitivities;
    }

    /** The events that fired, in order of time. */
    public List<FiredEvent> events() {
        return fired;
    }

    /** Whether a terminal event stopped the solve before the last output time. */
    public boolean stopped() {
        return !Double.isNaN(stopTime);
    }

    /** The time of the terminal event, or NaN. */
    public double stopTime() {
        return stopTime;
    }

    /** The state at the terminal event (a copy), or null. */
    public double[] stopState() {
        return stopState == null ? null : stopState.clone();
    }

    /** d y(τ_stop) / dp (total, with the move of τ), n × p, or null. */
    public double[][] stopSensitivity() {
        if (stopSensitivity == null) {
            return null;
        }
        double[][] c = new double[stopSensitivity.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = stopSensitivity[i].clone();
        }
        return c;
    }

    List<EventRun.Segment> segments() {
        return segments;
    }
}
