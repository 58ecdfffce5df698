package dev.leibniz.ode;

/**
 * A zero-crossing event: when the state {@code watched} crosses {@code level} in the given
 * direction, the state {@code reset} is multiplied by {@code sign · e} with e a parameter (or by a
 * constant factor): the bouncing ball's {@code v ← −e·v} when its height falls through 0. The
 * event function is g(y) = y_watched − level; its time τ is located on the dense output of the
 * step that crosses, to near machine precision.
 *
 * <p>Sensitivities are exact across the event, including the move of τ with the parameters
 * (the standard jump condition, e.g. Hiskens &amp; Pai 2000, or Rozenvasser 1967): with
 * f⁻ = f(τ, y⁻), f⁺ = f(τ, y⁺), the reset y⁺ = h(y⁻, p) and S = dy/dp,
 * <pre>  dτ/dp = −(∂g/∂y S⁻ + ∂g/∂p) / (∂g/∂y f⁻),
 *   S⁺ = ∂h/∂y S⁻ + ∂h/∂p + (∂h/∂y f⁻ − f⁺) dτ/dp,</pre>
 * the same for the sensitivities to y₀ (without the ∂/∂p terms). Solve with {@link Events}.
 *
 * @param watched   the state whose crossing is the event
 * @param level     the level it crosses
 * @param direction −1 for downward crossings, +1 for upward, 0 for both
 * @param reset     the state the event rescales
 * @param factor    the constant factor (used when {@code parameter} is null)
 * @param parameter the parameter e of a factor sign·e, or {@code null}
 * @param sign      ±1, the sign of the parameter factor
 */
public record StateEvent(String watched, double level, int direction, String reset, double factor, String parameter,
                         double sign) {

    public StateEvent {
        if (watched == null || reset == null) {
            throw new OdeException("an event needs the state it watches and the state it resets");
        }
        if (!Double.isFinite(level)) {
            throw new OdeException("the event on " + watched + " has level " + level);
        }
        if (direction < -1 || direction > 1) {
            throw new OdeException("the event direction is −1, 0 or +1, got " + direction);
        }
    }

    /** When {@code state} falls through {@code level}: multiply {@code reset} by {@code sign · parameter}. */
    public static StateEvent fallingThrough(String state, double level, String reset, double sign, String parameter) {
        return new StateEvent(state, level, -1, reset, Double.NaN, parameter, sign);
    }

    /** When {@code state} crosses {@code level} in {@code direction}: multiply {@code reset} by {@code factor}. */
    public static StateEvent crossing(String state, double level, int direction, String reset, double factor) {
        return new StateEvent(state, level, direction, reset, factor, null, 1);
    }
}
