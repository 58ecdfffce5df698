package dev.leibniz.forward;

/**
 * The lane kernels every forward sweep is made of: {@code dst = d·src} and {@code dst += d·src}
 * over k contiguous tangent lanes of flat arrays.
 *
 * <p><b>Strong zeros.</b> A product with an exact zero on either side contributes nothing, even
 * when the other factor is infinite or NaN. This is the forward image of the reverse engine's
 * rule (a node whose adjoint is exactly zero sends nothing back): the branch a {@code select}
 * did not take, or a constant fed into {@code sqrt} at 0, gives an exact zero tangent rather
 * than 0·∞ = NaN, so forward and reverse mode agree there. The check costs nothing on the fast
 * path: only a non-finite partial takes the guarded per-lane loop.
 */
final class Lanes {
    private Lanes() {
    }

    /** ḋ = d·t with strong zeros. */
    static double times(double d, double t) {
        return d == 0 || t == 0 ? 0.0 : d * t;
    }

    /**
     * {@code dst[dstOff + l] = d · src[srcOff + l]} for l &lt; k. Plain loops, no
     * {@code arraycopy}/{@code fill} and no case for d = 1 (1·x is x exactly): with the few lanes
     * of a small system (an ODE's p + n sensitivities) a library call and a third branch cost more
     * than the lanes themselves.
     */
    static void set(double d, double[] src, int srcOff, double[] dst, int dstOff, int k) {
        if (d == 0) {
            for (int l = 0; l < k; l++) {
                dst[dstOff + l] = 0.0;
            }
        } else if (Double.isFinite(d)) {
            for (int l = 0; l < k; l++) {
                dst[dstOff + l] = d * src[srcOff + l];
            }
        } else {
            for (int l = 0; l < k; l++) {
                dst[dstOff + l] = times(d, src[srcOff + l]);
            }
        }
    }

    /** {@code dst[dstOff + l] += d · src[srcOff + l]} for l &lt; k. */
    static void addTo(double d, double[] src, int srcOff, double[] dst, int dstOff, int k) {
        if (d == 0) {
            return;
        }
        if (Double.isFinite(d)) {
            for (int l = 0; l < k; l++) {
                dst[dstOff + l] += d * src[srcOff + l];
            }
        } else {
            for (int l = 0; l < k; l++) {
                dst[dstOff + l] += times(d, src[srcOff + l]);
            }
        }
    }
}
