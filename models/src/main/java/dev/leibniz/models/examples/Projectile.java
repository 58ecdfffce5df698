package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;

/**
 * A projectile with quadratic air drag, twin of {@code examples/projectile.model}:
 *
 * <pre>
 *   x' = vx,   y' = vy,   vx' = −k·|v|·vx,   vy' = −g − k·|v|·vy,   |v| = √(vx² + vy²)
 *   vx(0) = v₀ cos φ,   vy(0) = v₀ sin φ,   x(0) = y(0) = 0
 * </pre>
 *
 * with g = 9.81 m/s²; parameters the drag per unit mass k &gt; 0 (1/m), the launch speed v₀ &gt; 0
 * and the angle φ ∈ (0, π/2). For a vertical shot the ascent has the closed form
 * {@link #verticalHeight}.
 */
public final class Projectile extends JavaModel {
    public static final double G = 9.81;

    public Projectile() {
        super("projectile", List.of(positive("k", 0.01), positive("v0", 50), between("angle", 0.8, 0, Math.PI / 2)),
                List.of("x", "y", "vx", "vy"), List.of(), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] s, Var[] p) {
        Var vx = s[2], vy = s[3];
        Var drag = p[0].mul(vx.hypot(vy));
        return new Var[] {vx, vy, drag.mul(vx).neg(), drag.mul(vy).neg().sub(G)};
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        Var zero = b.constant(0.0);
        return new Var[] {zero, zero, p[1].mul(p[2].cos()), p[1].mul(p[2].sin())};
    }

    /**
     * Height of a vertical shot during its ascent: with c = √(g k) and φ₀ = atan(v₀ √(k/g)),
     * {@code y(t) = ln(cos(φ₀ − c t) / cos φ₀) / k} for {@code t ≤ φ₀ / c} (the apex).
     */
    public static double verticalHeight(double k, double v0, double t) {
        double c = Math.sqrt(G * k);
        double phi0 = Math.atan(v0 * Math.sqrt(k / G));
        return Math.log(Math.cos(phi0 - c * t) / Math.cos(phi0)) / k;
    }

    /** Time of the apex of a vertical shot. */
    public static double verticalApexTime(double k, double v0) {
        return Math.atan(v0 * Math.sqrt(k / G)) / Math.sqrt(G * k);
    }
}
