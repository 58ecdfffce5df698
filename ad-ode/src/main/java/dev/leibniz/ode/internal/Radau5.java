package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * Radau IIA of order 5 as in Hairer &amp; Wanner's RADAU5 (Solving ODEs II, IV.8, and radau5.f):
 * the 3-stage collocation method at c = ((4 − √6)/10, (4 + √6)/10, 1), stiffly accurate and
 * L-stable. Each step solves the 3n nonlinear stage equations for Z_i = Y_i − y,
 * <pre>  Z = h (A ⊗ I) F(Z),   y₁ = y + Z₃,</pre>
 * by simplified Newton with the transformation T⁻¹AT = diag(γ̂, α̂ ± iβ̂) of the Runge–Kutta
 * matrix: in W = (T⁻¹ ⊗ I) Z each iteration solves one real system with E₁ = γ/h·I − J and one
 * complex one with E₂ = (α + iβ)/h·I − J (γ = 1/γ̂, α + iβ = 1/(α̂ + iβ̂)).
 *
 * <p><b>Complex system as a real one.</b> There is no complex LU here; E₂(x + iy) = r + is is
 * solved as the real 2n×2n system [[αI/h − J, −βI/h], [βI/h, αI/h − J]] with the existing
 * {@link DenseLu} ({@link RadauDenseSystems}). Its (2n)³/3 flops equal a complex LU's (a complex
 * multiply-add is 4 real ones), so only storage (4n² instead of 2n²) is given away for reusing a
 * tested, pivoting LU. With a sparse {@link dev.leibniz.ode.JacobianStrategy} J and both systems
 * are sparse instead ({@link RadauSparseSystems}: EJML's sparse LU after a reverse Cuthill–McKee
 * ordering); the stepping code sees either through {@link RadauSystems}.
 *
 * <p><b>Reuse.</b> J is kept across steps while Newton contracts fast (θ ≤ 0.001), and the LUs
 * while moreover the proposed step differs from the last by a factor in [1, 1.2] (then the step
 * is kept). A rejected step refactors with the same J if J is fresh, else recomputes J.
 * Newton starts from the previous step's collocation polynomial extrapolated, stops when
 * the contraction estimate θ/(1 − θ)·‖ΔW‖ ≤ κ, and gives up (halving h, or the smaller step
 * its convergence rate predicts) when θ ≥ 0.99 or after 7 iterations.
 *
 * <p><b>Error and step size.</b> The embedded estimate err = E₁⁻¹ (f(y) + (e₁Z₁ + e₂Z₂ + e₃Z₃)/h)
 * (filtered through E₁⁻¹ so that it stays bounded for stiff components; refined once by one more
 * f-evaluation after a rejection or on the first step), h_new = h / clamp(err^{1/4}/fac, 1/8, 5)
 * with fac = 0.9·(1 + 2·7)/(newt + 2·7), and Gustafsson's predictive controller
 * h_new = h·(h/h_acc)(err_acc/err²)^{1/4}·0.9 taking the smaller of the two.
 *
 * <p><b>Dense output</b> is the collocation polynomial through y, Y₁, Y₂, Y₃ (order 3 uniformly).
 *
 * <p>On a system with sensitivity lanes the same Newton iteration runs on the augmented system
 * with the block-diagonal I ⊗ J, so forward sensitivities are those of the discretization
 * (to the Newton tolerance).
 *
 * <p><b>Tolerances are used as given.</b> radau5.f replaces rtol by 0.1·rtol^(2/3) (and atol in
 * proportion) before controlling the local error, which takes 1.5–3.5× fewer steps on the Bari
 * stiff set but left POLLU 13.9 tolerances off its reference at rtol 1e-6 when tried here. Held to
 * the user's tolerance, like every other method, the local error keeps every problem of the set
 * within 3.3 tolerances (docs/benchmarks.md); only the Newton stopping test uses the transformed
 * rtol, as radau5.f does.
 */
public final class Radau5 implements Stepper {
    private static final double SQ6 = Math.sqrt(6);
    private static final double C1 = (4 - SQ6) / 10;
    private static final double C2 = (4 + SQ6) / 10;
    private static final double C1M1 = C1 - 1;
    private static final double C2M1 = C2 - 1;
    private static final double C1MC2 = C1 - C2;
    private static final double DD1 = -(13 + 7 * SQ6) / 3;
    private static final double DD2 = (-13 + 7 * SQ6) / 3;
    private static final double DD3 = -1.0 / 3;
    private static final double U1;
    private static final double ALPH;
    private static final double BETA;

    static {
        double c81 = Math.cbrt(81);
        double c9 = Math.cbrt(9);
        double u1 = (6 + c81 - c9) / 30;
        double alph = (12 - c81 + c9) / 60;
        double beta = (c81 + c9) * Math.sqrt(3) / 60;
        double cno = alph * alph + beta * beta;
        U1 = 1 / u1;
        ALPH = alph / cno;
        BETA = beta / cno;
    }

    // T and T⁻¹ of radau5.f
    private static final double T11 = 9.1232394870892942792e-02;
    private static final double T12 = -0.14125529502095420843;
    private static final double T13 = -3.0029194105147424492e-02;
    private static final double T21 = 0.24171793270710701896;
    private static final double T22 = 0.20412935229379993199;
    private static final double T23 = 0.38294211275726193779;
    private static final double T31 = 0.96604818261509293619;
    private static final double TI11 = 4.3255798900631553510;
    private static final double TI12 = 0.33919925181580986954;
    private static final double TI13 = 0.54177053993587487119;
    private static final double TI21 = -4.1787185915519047273;
    private static final double TI22 = -0.32768282076106238708;
    private static final double TI23 = 0.47662355450055045196;
    private static final double TI31 = -0.50287263494578687595;
    private static final double TI32 = 2.5719269498556054292;
    private static final double TI33 = -0.59603920482822492497;

    private static final int NIT = 7;
    private static final double SAFE = 0.9;
    private static final double THET = 0.001;
    private static final double FACL = 5;
    private static final double FACR = 1.0 / 8;
    private static final double UROUND = Math.ulp(1.0) / 2;

    private final OdeSystem sys;
    private final OdeSystem.StateJacobian jacobian;
    private final int dim;
    private final int n;
    private final int blocks;
    /** J, E₁ and E₂: dense, or sparse when the system's Jacobian has a sparsity pattern. */
    private final RadauSystems systems;
    private final double[] z1;
    private final double[] z2;
    private final double[] z3;
    private final double[] f1;
    private final double[] f2;
    private final double[] f3;
    private final double[] tmp;
    private final double[] f0;
    private final double[] cont;
    private final double[] blk;
    private final double[] blk2;
    /** The accepted step's collocation polynomial: y₁ and three divided differences. */
    private final double[][] poly;
    /** The attempted step's polynomial (valid between attempt and accept). */
    private final double[][] trial;

    private boolean needJac = true;
    private boolean jacFresh;
    private double hLu = Double.NaN;
    private double tF0 = Double.NaN;
    private boolean first = true;
    private boolean haveOld;
    private boolean lastRejected;
    private double hOld;
    private double faccon = 1;
    private double theta;
    private int newt;
    private double hNewton = Double.NaN;
    private double hErr = Double.NaN;
    private double hacc = Double.NaN;
    private double erracc = Double.NaN;
    private int accepted;

    public Radau5(OdeSystem system) {
        this.sys = system;
        this.jacobian = system.stateJacobian();
        if (jacobian == null) {
            throw new OdeException("the radau5 method needs the state Jacobian of this system, which it does not"
                    + " provide (the adjoint systems do not: use rodas5p for adjoint gradients)");
        }
        this.dim = system.dimension();
        this.n = jacobian.states();
        if (jacobian.counters().jacobianSweeps == 0) {
            jacobian.counters().jacobianSweeps = n; // dense: n tangent lanes per Jacobian
        }
        this.blocks = jacobian.blocks();
        RhsFunction rhs = jacobian.function();
        org.ejml.data.DMatrixSparseCSC pattern = rhs == null ? null : rhs.newSparseJacobian();
        this.systems = pattern == null ? new RadauDenseSystems(jacobian, n) : new RadauSparseSystems(rhs, pattern);
        this.z1 = new double[dim];
        this.z2 = new double[dim];
        this.z3 = new double[dim];
        this.f1 = new double[dim];
        this.f2 = new double[dim];
        this.f3 = new double[dim];
        this.tmp = new double[dim];
        this.f0 = new double[dim];
        this.cont = new double[dim];
        this.blk = new double[n];
        this.blk2 = new double[2 * n];
        this.poly = new double[4][dim];
        this.trial = new double[4][dim];
    }

    @Override
    public int errorOrder() {
        return 3;
    }

    @Override
    public boolean hasDenseOutput() {
        return true;
    }

    @Override
    public double attempt(double t, double[] y, double h, double[] yNew, ErrorNorm norm) {
        if (tF0 != t) {
            sys.derivative(t, y, f0);
            tF0 = t;
        }
        if (needJac) {
            systems.evaluate(t, y);
            needJac = false;
            jacFresh = true;
            hLu = Double.NaN;
        }
        if (h != hLu) {
            factor(h, t);
        }
        hNewton = Double.NaN;
        hErr = Double.NaN;
        startingValues(h);
        if (!newton(t, y, h, norm)) {
            return 1e10; // rejected; nextStep takes hNewton
        }
        double err = errorEstimate(t, y, h, norm, yNew);
        double fac = Math.min(SAFE, SAFE * (1 + 2 * NIT) / (newt + 2 * NIT));
        double quot = Math.max(FACR, Math.min(FACL, Math.pow(err, 0.25) / fac));
        hErr = h / quot;
        if (err < 1 && accepted > 0 && !Double.isNaN(hacc)) {
            // Gustafsson's predictive controller: the smaller of the two proposals
            double facgus = (hacc / h) * Math.pow(err * err / erracc, 0.25) / SAFE;
            facgus = Math.max(FACR, Math.min(FACL, facgus));
            hErr = h / Math.max(quot, facgus);
        }
        if (err < 1) {
            hacc = h;
            erracc = Math.max(1e-2, err);
        }
        makePolynomial(yNew);
        return err;
    }

    /** E₁ = γ/h·I − J and E₂ = [[α/h·I − J, −β/h·I], [β/h·I, α/h·I − J]], each factored. */
    private void factor(double h, double t) {
        double fac1 = U1 / h;
        double alphn = ALPH / h;
        double betan = BETA / h;
        systems.factor(fac1, alphn, betan, t, h);
        jacobian.counters().factorizations++;
        hLu = h;
    }

    /** Z from the last step's collocation polynomial extrapolated (zero on the first step); W = T⁻¹Z. */
    private void startingValues(double h) {
        if (!haveOld) {
            java.util.Arrays.fill(z1, 0.0);
            java.util.Arrays.fill(z2, 0.0);
            java.util.Arrays.fill(z3, 0.0);
            java.util.Arrays.fill(f1, 0.0);
            java.util.Arrays.fill(f2, 0.0);
            java.util.Arrays.fill(f3, 0.0);
            return;
        }
        double c3q = h / hOld;
        double c1q = C1 * c3q;
        double c2q = C2 * c3q;
        double[] a1 = poly[1];
        double[] a2 = poly[2];
        double[] a3 = poly[3];
        for (int i = 0; i < dim; i++) {
            double ak1 = a1[i];
            double ak2 = a2[i];
            double ak3 = a3[i];
            double v1 = c1q * (ak1 + (c1q - C2M1) * (ak2 + (c1q - C1M1) * ak3));
            double v2 = c2q * (ak1 + (c2q - C2M1) * (ak2 + (c2q - C1M1) * ak3));
            double v3 = c3q * (ak1 + (c3q - C2M1) * (ak2 + (c3q - C1M1) * ak3));
            z1[i] = v1;
            z2[i] = v2;
            z3[i] = v3;
            f1[i] = TI11 * v1 + TI12 * v2 + TI13 * v3;
            f2[i] = TI21 * v1 + TI22 * v2 + TI23 * v3;
            f3[i] = TI31 * v1 + TI32 * v2 + TI33 * v3;
        }
    }

    /**
     * Simplified Newton on the transformed stage equations; false (with {@link #hNewton} set)
     * when it diverges or converges too slowly for this step.
     */
    private boolean newton(double t, double[] y, double h, ErrorNorm norm) {
        double rtol = 0.1 * Math.pow(norm.relativeTolerance(), 2.0 / 3);
        double fnewt = Math.max(10 * UROUND / rtol, Math.min(0.03, Math.sqrt(rtol)));
        faccon = Math.pow(Math.max(faccon, UROUND), 0.8);
        theta = THET;
        newt = 0;
        double dynold = 0;
        double thqold = 0;
        double fac1 = U1 / h;
        double alphn = ALPH / h;
        double betan = BETA / h;
        while (true) {
            if (newt >= NIT) {
                hNewton = h * 0.5;
                return false;
            }
            stage(t + C1 * h, y, z1);
            stage(t + C2 * h, y, z2);
            stage(t + h, y, z3);
            newt++;
            transformedResiduals(fac1, alphn, betan);
            solveReal(z1);
            solveComplex(z2, z3);
            // the three-argument norm also records the worst component, which a failure names
            double d1 = norm.norm(z1, y, y);
            double d2 = norm.norm(z2, y, y);
            double d3 = norm.norm(z3, y, y);
            double dyno = Math.sqrt((d1 * d1 + d2 * d2 + d3 * d3) / 3);
            if (!Double.isFinite(dyno)) {
                hNewton = h * 0.5;
                return false;
            }
            if (newt > 1 && newt < NIT) {
                double thq = dyno / dynold;
                theta = newt == 2 ? thq : Math.sqrt(thq * thqold);
                thqold = thq;
                if (theta < 0.99) {
                    faccon = theta / (1 - theta);
                    double dyth = faccon * dyno * Math.pow(theta, NIT - 1 - newt) / fnewt;
                    if (dyth >= 1) {
                        double qnewt = Math.max(1e-4, Math.min(20, dyth));
                        hNewton = h * 0.8 * Math.pow(qnewt, -1.0 / (4 + NIT - 1 - newt));
                        return false;
                    }
                } else {
                    hNewton = h * 0.5;
                    return false;
                }
            }
            dynold = Math.max(dyno, UROUND);
            applyNewtonCorrection();
            if (faccon * dyno <= fnewt) {
                return true;
            }
        }
    }

    /**
     * The right-hand sides of the decoupled Newton systems, over z1..z3: on entry z holds the
     * stage derivatives F = f(t + cᵢh, y + Zᵢ) and f1..f3 the transformed stages W; on exit
     * z₁ = (T⁻¹F)₁ − (γ/h) W₁ for the real system and, for the complex one with (α + iβ)/h,
     * z₂ = (T⁻¹F)₂ − (α/h) W₂ + (β/h) W₃, z₃ = (T⁻¹F)₃ − (α/h) W₃ − (β/h) W₂.
     */
    private void transformedResiduals(double fac1, double alphn, double betan) {
        for (int i = 0; i < dim; i++) {
            double a1 = z1[i];
            double a2 = z2[i];
            double a3 = z3[i];
            double g1 = TI11 * a1 + TI12 * a2 + TI13 * a3;
            double g2 = TI21 * a1 + TI22 * a2 + TI23 * a3;
            double g3 = TI31 * a1 + TI32 * a2 + TI33 * a3;
            z1[i] = g1 - f1[i] * fac1;
            z2[i] = g2 - alphn * f2[i] + betan * f3[i];
            z3[i] = g3 - alphn * f3[i] - betan * f2[i];
        }
    }

    /**
     * W ← W + ΔW (f1..f3, with the solved corrections ΔW in z1..z3), then the stages back in
     * the original variables, Z = (T ⊗ I) W; T₃₂ = 1 and T₃₃ = 0 (radau5.f), hence z₃'s short form.
     */
    private void applyNewtonCorrection() {
        for (int i = 0; i < dim; i++) {
            double w1 = f1[i] + z1[i];
            double w2 = f2[i] + z2[i];
            double w3 = f3[i] + z3[i];
            f1[i] = w1;
            f2[i] = w2;
            f3[i] = w3;
            z1[i] = T11 * w1 + T12 * w2 + T13 * w3;
            z2[i] = T21 * w1 + T22 * w2 + T23 * w3;
            z3[i] = T31 * w1 + w2;
        }
    }

    /** Overwrites z with f(τ, y + z). */
    private void stage(double tau, double[] y, double[] z) {
        for (int i = 0; i < dim; i++) {
            tmp[i] = y[i] + z[i];
        }
        sys.derivative(tau, tmp, z);
    }

    /** x ← E₁⁻¹ x, block by block. */
    private void solveReal(double[] x) {
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < n; i++) {
                blk[i] = x[jacobian.index(b, i)];
            }
            systems.solveReal(blk);
            for (int i = 0; i < n; i++) {
                x[jacobian.index(b, i)] = blk[i];
            }
        }
    }

    /** (re + i·im) ← E₂⁻¹ (re + i·im), block by block, as the real 2n×2n system. */
    private void solveComplex(double[] re, double[] im) {
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < n; i++) {
                int at = jacobian.index(b, i);
                blk2[i] = re[at];
                blk2[n + i] = im[at];
            }
            systems.solveComplex(blk2);
            for (int i = 0; i < n; i++) {
                int at = jacobian.index(b, i);
                re[at] = blk2[i];
                im[at] = blk2[n + i];
            }
        }
    }

    /** ESTRAD of radau5.f; also sets yNew = y + Z₃. */
    private double errorEstimate(double t, double[] y, double h, ErrorNorm norm, double[] yNew) {
        double hee1 = DD1 / h;
        double hee2 = DD2 / h;
        double hee3 = DD3 / h;
        for (int i = 0; i < dim; i++) {
            yNew[i] = y[i] + z3[i];
            tmp[i] = hee1 * z1[i] + hee2 * z2[i] + hee3 * z3[i];
            cont[i] = tmp[i] + f0[i];
        }
        solveReal(cont);
        double err = Math.max(norm.norm(cont, y, yNew), 1e-10);
        if (err >= 1 && (first || lastRejected)) {
            double[] f = new double[dim];
            for (int i = 0; i < dim; i++) {
                cont[i] += y[i];
            }
            sys.derivative(t, cont, f);
            for (int i = 0; i < dim; i++) {
                cont[i] = f[i] + tmp[i];
            }
            solveReal(cont);
            err = Math.max(norm.norm(cont, y, yNew), 1e-10);
        }
        return err;
    }

    /** The collocation polynomial of the trial step in radau5.f's Newton form (CONT). */
    private void makePolynomial(double[] yNew) {
        for (int i = 0; i < dim; i++) {
            double ak = (z1[i] - z2[i]) / C1MC2;
            double acont3 = z1[i] / C1;
            acont3 = (ak - acont3) / C2;
            double c1 = (z2[i] - z3[i]) / C2M1;
            double c2 = (ak - c1) / C1M1;
            trial[0][i] = yNew[i];
            trial[1][i] = c1;
            trial[2][i] = c2;
            trial[3][i] = c2 - acont3;
        }
    }

    @Override
    public void accept() {
        for (int r = 0; r < 4; r++) {
            System.arraycopy(trial[r], 0, poly[r], 0, dim);
        }
        first = false;
        haveOld = true;
        accepted++;
    }

    @Override
    public double nextStep(double h, double err, boolean ok, double proposal) {
        double hNew;
        if (ok) {
            hNew = hErr;
            if (lastRejected) {
                hNew = Math.min(hNew, h);
            }
            lastRejected = false;
            hOld = h;
            double qt = hNew / h;
            jacFresh = false;
            if (theta <= THET && qt >= 1 && qt <= 1.2) {
                return h; // keep h: J and both LUs are reused as they are
            }
            needJac = theta > THET;
        } else {
            hNew = !Double.isNaN(hNewton) ? hNewton : first ? 0.1 * h : hErr;
            lastRejected = true;
            needJac = !jacFresh;
        }
        return hNew;
    }

    @Override
    public void reset() {
        needJac = true;
        haveOld = false;
        first = true;
        tF0 = Double.NaN;
        hLu = Double.NaN;
    }

    private static final int SCALARS = 12;

    /**
     * Everything the next steps depend on, so that a replay from a checkpoint (the adjoints)
     * retraces the forward pass bit for bit: the flags and step-size history of the controller and
     * of Jacobian reuse, J itself and the accepted collocation polynomial (Newton's starting
     * values). The LUs are not kept: a restored solver refactors the same J with the same h on its
     * next attempt, which gives the same factors.
     */
    @Override
    public double[] cache() {
        int nj = jacobianSize();
        double[] c = new double[SCALARS + nj + 4 * dim];
        c[0] = needJac ? 1 : 0;
        c[1] = jacFresh ? 1 : 0;
        c[2] = first ? 1 : 0;
        c[3] = haveOld ? 1 : 0;
        c[4] = lastRejected ? 1 : 0;
        c[5] = hOld;
        c[6] = faccon;
        c[7] = theta;
        c[8] = newt;
        c[9] = hacc;
        c[10] = erracc;
        c[11] = accepted;
        System.arraycopy(jacobianValues(), 0, c, SCALARS, nj);
        for (int r = 0; r < 4; r++) {
            System.arraycopy(poly[r], 0, c, SCALARS + nj + r * dim, dim);
        }
        return c;
    }

    private double[] jacobianValues() {
        return systems.jacobianValues();
    }

    private int jacobianSize() {
        return systems.jacobianSize();
    }

    @Override
    public void restoreCache(double[] c) {
        reset();
        if (c == null) {
            return;
        }
        needJac = c[0] != 0;
        jacFresh = c[1] != 0;
        first = c[2] != 0;
        haveOld = c[3] != 0;
        lastRejected = c[4] != 0;
        hOld = c[5];
        faccon = c[6];
        theta = c[7];
        newt = (int) c[8];
        hacc = c[9];
        erracc = c[10];
        accepted = (int) c[11];
        int nj = jacobianSize();
        System.arraycopy(c, SCALARS, jacobianValues(), 0, nj);
        for (int r = 0; r < 4; r++) {
            System.arraycopy(c, SCALARS + nj + r * dim, poly[r], 0, dim);
        }
    }

    @Override
    public void interpolate(double theta, double t, double[] y, double h, double[] out) {
        evaluate(trial, 0, theta, out);
    }

    @Override
    public int denseSize() {
        return 4 * dim;
    }

    @Override
    public void saveDense(double t, double h, double tNew, double[] yNew, double[] buf) {
        for (int r = 0; r < 4; r++) {
            System.arraycopy(trial[r], 0, buf, r * dim, dim);
        }
    }

    @Override
    public void interpolateSaved(double[] buf, double theta, double[] y, double h, double[] out) {
        double s = theta - 1;
        for (int i = 0; i < dim; i++) {
            out[i] = buf[i] + s * (buf[dim + i] + (s - C2M1) * (buf[2 * dim + i] + (s - C1M1) * buf[3 * dim + i]));
        }
    }

    /** y(t + θh) = y₁ + s(K₁ + (s − c₂ + 1)(K₂ + (s − c₁ + 1)K₃)), s = θ − 1 ∈ [−1, 0]. */
    private void evaluate(double[][] p, int unused, double theta, double[] out) {
        double s = theta - 1;
        for (int i = 0; i < dim; i++) {
            out[i] = p[0][i] + s * (p[1][i] + (s - C2M1) * (p[2][i] + (s - C1M1) * p[3][i]));
        }
    }
}
