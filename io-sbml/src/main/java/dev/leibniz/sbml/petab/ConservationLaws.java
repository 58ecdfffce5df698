package dev.leibniz.sbml.petab;

import java.util.ArrayList;
import java.util.List;

/**
 * The conservation laws of a reaction network: the left null space of its stoichiometry S
 * (dy/dt = S·v), vectors l with lᵀS = 0, so that lᵀy(t) = lᵀy(0) whatever the rates. For
 * A ⇌ B, S = [[−1, 1], [1, −1]] and l = (1, 1): A + B is conserved.
 *
 * <p>The basis comes from the reduced row echelon form of Sᵀ: each column c of Sᵀ without a pivot
 * (a "dependent" state) gives one law l_c = e_c − Σ_r R[r][c]·e_{pivot(r)}, which has 1 at c and 0
 * at every other dependent state. That makes c the law's own state: in a steady-state system
 * f(y) = 0 the row f_c is the combination −Σ l_c[i] f_i of the others (lᵀf = 0 identically), so it
 * can be replaced by lᵀy = lᵀy₀ without losing an equation, and the replaced system has a regular
 * Jacobian when the conservation laws were its only singularity (AMICI's reduction, done here on
 * the full state rather than by eliminating states).
 *
 * <p>The echelon form uses partial pivoting with a relative threshold of 1e-12: stoichiometric
 * coefficients are small integers (divided by compartment sizes), so rank decisions are clear.
 *
 * @param weights one law per row (k × n)
 * @param states  for law r, its own state (weights[r][states[r]] = 1, 0 at the other laws' states)
 */
record ConservationLaws(double[][] weights, int[] states) {

    /** The laws of stoichiometry {@code s} (n states × m columns). */
    static ConservationLaws of(double[][] s) {
        int n = s.length;
        int m = n == 0 ? 0 : s[0].length;
        double[][] a = new double[m][n]; // Sᵀ
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < m; r++) {
                a[r][i] = s[i][r];
                scale = Math.max(scale, Math.abs(s[i][r]));
            }
        }
        int[] pivotOfRow = new int[m];
        boolean[] isPivot = new boolean[n];
        int row = 0;
        for (int c = 0; c < n && row < m; c++) {
            int best = row;
            for (int r = row + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[best][c])) {
                    best = r;
                }
            }
            if (!(Math.abs(a[best][c]) > 1e-12 * scale)) {
                continue;
            }
            double[] t = a[row];
            a[row] = a[best];
            a[best] = t;
            double d = a[row][c];
            for (int k = 0; k < n; k++) {
                a[row][k] /= d;
            }
            for (int r = 0; r < m; r++) {
                if (r != row && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int k = 0; k < n; k++) {
                        a[r][k] -= f * a[row][k];
                    }
                }
            }
            pivotOfRow[row] = c;
            isPivot[c] = true;
            row++;
        }
        List<double[]> laws = new ArrayList<>();
        List<Integer> own = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (isPivot[c]) {
                continue;
            }
            double[] l = new double[n];
            l[c] = 1;
            for (int r = 0; r < row; r++) {
                l[pivotOfRow[r]] = -a[r][c];
            }
            laws.add(l);
            own.add(c);
        }
        return new ConservationLaws(laws.toArray(new double[0][]), own.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Number of laws. */
    int count() {
        return states.length;
    }

    /** lᵣᵀy for every law. */
    double[] totals(double[] y) {
        double[] c = new double[states.length];
        for (int r = 0; r < c.length; r++) {
            for (int i = 0; i < y.length; i++) {
                c[r] += weights[r][i] * y[i];
            }
        }
        return c;
    }
}
