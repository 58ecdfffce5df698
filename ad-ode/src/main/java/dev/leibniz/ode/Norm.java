package dev.leibniz.ode;

/**
 * How the local error estimates of the components are combined into the one number the step-size
 * control compares with 1. With the scaled errors {@code e_i / (atol_i + rtol · max(|y_i|, |ŷ_i|))}:
 * <ul>
 *   <li>{@link #BOUNDED_RMS} (the default): max(RMS, MAX/4) — the root mean square, except that no
 *       single component may exceed its tolerance more than 4 times. Since MAX ≤ √m · RMS, on a
 *       system of at most 16 controlled components this <em>is</em> the RMS norm, step for step;
 *       on large systems it stops one failing component from hiding among many well-resolved ones,
 *       at the cost of the extra steps that component needs.</li>
 *   <li>{@link #MAX}: the largest one. A step is accepted only when every component meets its
 *       tolerance; the strictest and most expensive.</li>
 *   <li>{@link #RMS}: their root mean square, the norm of RADAU5, DOPRI5 and most codes. Cheaper
 *       (it accepts a step where one component is √m times over its tolerance among m on target),
 *       but in a large system one bad component is diluted among many: a 2000-state chain at
 *       rtol = 1e-10 may end with a relative error of 1e-5 in one state. Use it to compare step
 *       counts with published RMS-norm figures.</li>
 * </ul>
 */
public enum Norm {
    /** max(RMS, MAX/4): the RMS norm that lets no component exceed its tolerance 4 times (the default). */
    BOUNDED_RMS,
    /** The largest scaled error. */
    MAX,
    /** The root mean square of the scaled errors. */
    RMS
}
