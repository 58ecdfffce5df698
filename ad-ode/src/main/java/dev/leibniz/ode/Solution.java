package dev.leibniz.ode;

import java.util.Arrays;
import java.util.List;

/**
 * The solution at the requested output times: {@code state(k)[i]} is state i at
 * {@code time(k)}, plus the cost of computing it ({@link #statistics()}).
 */
public final class Solution {
    private final double[] times;
    private final double[][] states;
    private final List<String> stateNames;
    private final Method method;
    private final Statistics statistics;

    Solution(double[] times, double[][] states, List<String> stateNames, Method method, Statistics statistics) {
        this.times = times;
        this.states = states;
        this.stateNames = stateNames;
        this.method = method;
        this.statistics = statistics;
    }

    /** Number of output times. */
    public int size() {
        return times.length;
    }

    public double time(int k) {
        return times[k];
    }

    public double[] times() {
        return times.clone();
    }

    /** The state at output time k (a copy). */
    public double[] state(int k) {
        return states[k].clone();
    }

    /** State i at output time k. */
    public double value(int k, int i) {
        return states[k][i];
    }

    /** The named state at output time k. */
    public double value(int k, String state) {
        int i = stateNames.indexOf(state);
        if (i < 0) {
            throw new OdeException("unknown state '" + state + "'; the states are " + stateNames);
        }
        return states[k][i];
    }

    /** All states, {@code [k][i]} (a copy). */
    public double[][] states() {
        double[][] c = new double[states.length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = states[k].clone();
        }
        return c;
    }

    public List<String> stateNames() {
        return stateNames;
    }

    public Method method() {
        return method;
    }

    public Statistics statistics() {
        return statistics;
    }

    Solution withStatistics(Statistics s) {
        return new Solution(times, states, stateNames, method, s);
    }

    double[][] raw() {
        return states;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Solution (").append(method).append(", ").append(statistics).append(")\n");
        sb.append("  t  ").append(String.join("  ", stateNames)).append('\n');
        for (int k = 0; k < times.length; k++) {
            sb.append("  ").append(times[k]).append("  ").append(Arrays.toString(states[k])).append('\n');
        }
        return sb.toString();
    }
}
