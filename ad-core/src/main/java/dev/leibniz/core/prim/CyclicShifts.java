package dev.leibniz.core.prim;

/**
 * The reverse rule of {@link Shaping#ROLL}, written once: for y = roll(x), with y[(r + a) mod R,
 * (c + b) mod C] = x[r, c], the adjoint is x̄[r, c] += ȳ[(r + a) mod R, (c + b) mod C] — the
 * inverse shift of ȳ added into x̄. The declaration's {@code backward} calls it for one roll; a
 * sweep that meets several rolls of one argument in a row (the four periodic neighbours of a
 * grid) calls it once for all of them, so x̄ is read and written in one pass instead of one pass
 * per roll, each row cut into the few column ranges where no shift wraps around.
 *
 * <p>Bits: each element of x̄ receives the rolls' terms in the order given, one addition each,
 * exactly as the rolls swept one after the other would add them (each of those passes touches
 * every element once). Terms are added four at a time, {@code (((x̄ + t₀) + t₁) + t₂) + t₃};
 * a fifth roll and more take further passes, which keeps the order.
 */
public final class CyclicShifts {
    private CyclicShifts() {
    }

    /** Most rolls one pass adds. */
    private static final int GROUP = 4;

    /**
     * x̄ += Σₖ roll(ȳₖ, −shiftₖ) in the order k = 0 … count − 1, for an R×C argument: roll k's
     * adjoint ȳₖ is row-major at {@code gy[k][gyo[k] …]}, its shift {@code rowShift[k]} along
     * rows (0 ≤ a &lt; R) and {@code colShift[k]} along columns (0 ≤ b &lt; C); element (r, c) of
     * x̄ is {@code gx[gxo + (r·C + c)·gxs]}.
     */
    public static void addBack(double[][] gy, int[] gyo, int[] rowShift, int[] colShift, int count, double[] gx,
                               int gxo, int gxs, int rows, int cols) {
        int[] rowBase = new int[GROUP];
        int[] base = new int[GROUP];
        for (int k0 = 0; k0 < count; k0 += GROUP) {
            int g = Math.min(GROUP, count - k0);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < g; k++) {               // where column 0 of row r is in ȳₖ, before a wrap
                    int row = r + rowShift[k0 + k];
                    rowBase[k] = gyo[k0 + k] + (row >= rows ? row - rows : row) * cols + colShift[k0 + k];
                }
                int x0 = gxo + r * cols * gxs;
                for (int c0 = 0, c1; c0 < cols; c0 = c1) {
                    c1 = cols;
                    for (int k = 0; k < g; k++) {           // the next column where a shift wraps around
                        int cut = cols - colShift[k0 + k];
                        if (cut > c0 && cut < c1) {
                            c1 = cut;
                        }
                    }
                    for (int k = 0; k < g; k++) {           // column c of the range is at base + c in ȳₖ
                        base[k] = rowBase[k] - (c0 + colShift[k0 + k] >= cols ? cols : 0);
                    }
                    if (gxs == 1 && c1 - c0 > 1) {
                        addRange(gy, k0, g, base, gx, x0, c0, c1);
                    } else {
                        addRangeStrided(gy, k0, g, base, gx, x0, gxs, c0, c1);
                    }
                }
            }
        }
    }

    /** x̄[x0 + c] += ȳₖ[baseₖ + c] for c in [c0, c1), rolls k0 … k0 + g − 1 in order: counted loops the JIT vectorizes. */
    private static void addRange(double[][] gy, int k0, int g, int[] base, double[] gx, int x0, int c0, int c1) {
        double[] a = gy[k0];
        int ba = base[0];
        if (g == 1) {
            for (int c = c0; c < c1; c++) {
                gx[x0 + c] = gx[x0 + c] + a[ba + c];
            }
            return;
        }
        double[] b = gy[k0 + 1];
        int bb = base[1];
        if (g == 2) {
            for (int c = c0; c < c1; c++) {
                gx[x0 + c] = gx[x0 + c] + a[ba + c] + b[bb + c];
            }
            return;
        }
        double[] d = gy[k0 + 2];
        int bd = base[2];
        if (g == 3) {
            for (int c = c0; c < c1; c++) {
                gx[x0 + c] = gx[x0 + c] + a[ba + c] + b[bb + c] + d[bd + c];
            }
            return;
        }
        double[] f = gy[k0 + 3];
        int bf = base[3];
        for (int c = c0; c < c1; c++) {
            gx[x0 + c] = gx[x0 + c] + a[ba + c] + b[bb + c] + d[bd + c] + f[bf + c];
        }
    }

    /** {@link #addRange} into an x̄ whose elements are {@code gxs} apart. */
    private static void addRangeStrided(double[][] gy, int k0, int g, int[] base, double[] gx, int x0, int gxs, int c0,
                                        int c1) {
        for (int c = c0; c < c1; c++) {
            int at = x0 + c * gxs;
            double acc = gx[at];
            for (int k = 0; k < g; k++) {
                acc += gy[k0 + k][base[k] + c];
            }
            gx[at] = acc;
        }
    }
}
