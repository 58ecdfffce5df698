package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;

/**
 * A mass–spring–damper driven by a PID controller towards the set point r = 1, twin of
 * {@code examples/pid-mass-spring-damper.model}:
 *
 * <pre>
 *   x' = v
 *   v' = (u − c·v − k·x) / m,      u = Kp·(r − x) + Ki·z − Kd·v
 *   z' = r − x                     (the integral of the error)
 * </pre>
 *
 * with m = 1, c = 0.4, k = 1 fixed; the gains Kp, Ki, Kd &gt; 0 are the parameters. The
 * derivative term acts on −v rather than on the error's derivative (the same for a constant
 * set point, and no kick when the set point jumps). Outputs: {@code error} = r − x and
 * {@code control} = u. Tuning the gains is a calibration: "data" are the set point for x and
 * the steady force k·r for u, the loss the tracking error plus a small control-effort term.
 */
public final class PidMassSpringDamper extends JavaModel {
    public static final double MASS = 1.0;
    public static final double DAMPING = 0.4;
    public static final double STIFFNESS = 1.0;
    public static final double SETPOINT = 1.0;

    public PidMassSpringDamper() {
        super("pid-mass-spring-damper", List.of(positive("Kp", 1.0), positive("Ki", 0.2), positive("Kd", 0.2)),
                List.of("x", "v", "z"), List.of("error", "control"), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Var x = y[0], v = y[1];
        Var u = control(b, y, p);
        Var accel = u.sub(v.mul(DAMPING)).sub(x.mul(STIFFNESS)).div(MASS);
        return new Var[] {v, accel, b.constant(SETPOINT).sub(x)};
    }

    private static Var control(GraphBuilder b, Var[] y, Var[] p) {
        Var error = b.constant(SETPOINT).sub(y[0]);
        return p[0].mul(error).add(p[1].mul(y[2])).sub(p[2].mul(y[1]));
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        Var zero = b.constant(0.0);
        return new Var[] {zero, zero, zero};
    }

    @Override
    public Var[] outputs(GraphBuilder b, Var t, Var[] y, Var[] p) {
        return new Var[] {b.constant(SETPOINT).sub(y[0]), control(b, y, p)};
    }
}
