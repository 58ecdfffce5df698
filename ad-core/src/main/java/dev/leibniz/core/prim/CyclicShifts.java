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
     * x̄ is {@code gx[gxo + (r·C + c)·gxs]}. The columns are cut once into the ranges where no
     * shift wraps around; row by row, each range is one counted loop.
     */
    public static void addBack(double[][] gy, int[] gyo, int[] rowShift, int[] colShift, int count, double[] gx,
                               int gxo, int gxs, int rows, int cols) {
        int[] cuts = new int[GROUP + 2];
        int[] colBase = new int[(GROUP + 1) * GROUP];
        int[] rowBase = new int[GROUP];
        int[] base = new int[GROUP];
        for (int k0 = 0; k0 < count; k0 += GROUP) {
            int g = Math.min(GROUP, count - k0);
            int ranges = columnRanges(colShift, k0, g, cols, cuts, colBase);
            for (int k = 0; k < g; k++) {            // where row 0 is in ȳₖ
                rowBase[k] = gyo[k0 + k] + rowShift[k0 + k] * cols;
            }
            for (int r = 0, x0 = gxo; r < rows; r++, x0 += cols * gxs) {
                for (int p = 0; p < ranges; p++) {
                    for (int k = 0; k < g; k++) {
                        base[k] = rowBase[k] + colBase[p * GROUP + k];
                    }
                    if (g == GROUP) {
                        addFour(gy[k0], base[0], gy[k0 + 1], base[1], gy[k0 + 2], base[2], gy[k0 + 3], base[3], gx, x0,
                                gxs, cuts[p], cuts[p + 1]);
                    } else {
                        addRange(gy, k0, g, base, gx, x0, gxs, cuts[p], cuts[p + 1]);
                    }
                }
                for (int k = 0; k < g; k++) {        // the next row, wrapping from the last to the first
                    rowBase[k] += cols;
                    if (rowBase[k] - gyo[k0 + k] >= rows * cols) {
                        rowBase[k] -= rows * cols;
                    }
                }
            }
        }
    }

    /**
     * Cuts the columns into ranges where none of the shifts {@code colShift[k0 …]} wraps around:
     * range p is {@code [cuts[p], cuts[p + 1])}, and column c of it is at {@code c + colBase[p·4 + k]}
     * of roll k's row. Returns the number of ranges.
     */
    private static int columnRanges(int[] colShift, int k0, int g, int cols, int[] cuts, int[] colBase) {
        int ranges = 0;
        for (int c0 = 0; c0 < cols; ranges++) {
            int c1 = cols;
            for (int k = 0; k < g; k++) {
                int cut = cols - colShift[k0 + k];
                if (cut > c0 && cut < c1) {
                    c1 = cut;
                }
            }
            for (int k = 0; k < g; k++) {
                int b = colShift[k0 + k];
                colBase[ranges * GROUP + k] = b - (c0 + b >= cols ? cols : 0);
            }
            cuts[ranges] = c0;
            cuts[ranges + 1] = c1;
            c0 = c1;
        }
        return ranges;
    }

    /** x̄[x0 + c·gxs] = (((x̄ + a) + b) + d) + f at c for c in [c0, c1): four rolls, a counted loop the JIT compiles tightly. */
    private static void addFour(double[] a, int ba, double[] b, int bb, double[] d, int bd, double[] f, int bf, double[] gx,
                                int x0, int gxs, int c0, int c1) {
        if (gxs == 1) {
            for (int c = c0; c < c1; c++) {
                gx[x0 + c] = gx[x0 + c] + a[ba + c] + b[bb + c] + d[bd + c] + f[bf + c];
            }
            return;
        }
        for (int c = c0, at = x0 + c0 * gxs; c < c1; c++, at += gxs) {
            gx[at] = gx[at] + a[ba + c] + b[bb + c] + d[bd + c] + f[bf + c];
        }
    }

    /** x̄[x0 + c·gxs] += ȳₖ[baseₖ + c] for c in [c0, c1), rolls k0 … k0 + g − 1 in order. */
    private static void addRange(double[][] gy, int k0, int g, int[] base, double[] gx, int x0, int gxs, int c0, int c1) {
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
