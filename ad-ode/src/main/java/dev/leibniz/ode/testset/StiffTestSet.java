package dev.leibniz.ode.testset;

import dev.leibniz.core.Var;
import dev.leibniz.ode.OdeProblem;

/**
 * The stiff problems of the Test Set for IVP Solvers (F. Mazzia, C. Magherini et al., University
 * of Bari, https://archimede.uniba.it/~testset/, release 2.4, 2008), as {@link OdeProblem}s with
 * the set's published reference solutions at the end time. Each reference is copied from the
 * set's Fortran problem file ({@code src/problems/<name>.f}, subroutine {@code solut}); the set
 * computed them with RADAU5 or RADAU in extended precision (uround 1.01e-19, rtol = atol = 1.1e-18).
 * The right-hand sides are those of the same files. Public so that benchmarks and users can run
 * the same problems that ad-ode's tests check against the references.
 *
 * @param name      the set's problem name
 * @param problem   the ODE
 * @param tEnd      end of the integration interval
 * @param reference the published y(tEnd)
 * @param atol      the set's absolute tolerance, or NaN for atol = rtol (E5's components reach
 *                  1e-22 and the set runs it with atol = 1.7e-24)
 */
public record StiffTestSet(String name, OdeProblem problem, double tEnd, double[] reference, double atol) {

    /** ROBER (rober.f): Robertson's autocatalytic reaction, t ∈ [0, 1e11]. */
    public static StiffTestSet rober() {
        OdeProblem p = OdeProblem.builder().states("y1", "y2", "y3").rhs((t, y, q) -> {
            Var r1 = y[0].mul(0.04);
            Var r2 = y[1].square().mul(3e7);
            Var r3 = y[1].mul(y[2]).mul(1e4);
            return new Var[] {r3.sub(r1), r1.sub(r3).sub(r2), r2};
        }).initial(1, 0, 0).build();
        return new StiffTestSet("rober", p, 1e11,
                new double[] {0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050}, Double.NaN);
    }

    /** VDPOL (vdpol.f): van der Pol with ε = 1e-6, y₂' = ((1 − y₁²)y₂ − y₁)/ε, t ∈ [0, 2]. */
    public static StiffTestSet vdpol() {
        OdeProblem p = OdeProblem.builder().states("y1", "y2").rhs((t, y, q) -> new Var[] {y[1],
            y[0].square().neg().add(1).mul(y[1]).sub(y[0]).mul(1e6)}).initial(2, 0).build();
        return new StiffTestSet("vdpol", p, 2, new double[] {0.1706167732170483e+01, -0.8928097010247975e+00}, Double.NaN);
    }

    /** VDPOLM (vdpolm.f): van der Pol with μ = 1000, y₂' = μ(1 − y₁²)y₂ − y₁, t ∈ [0, 2000]. */
    public static StiffTestSet vdpolm() {
        OdeProblem p = OdeProblem.builder().states("y1", "y2").rhs((t, y, q) -> new Var[] {y[1],
            y[0].square().neg().add(1).mul(y[1]).mul(1e3).sub(y[0])}).initial(2, 0).build();
        return new StiffTestSet("vdpolm", p, 2000,
                new double[] {0.1706167732170469e+01, -0.8928097010248125e-03}, Double.NaN);
    }

    /** OREGO (orego.f): the Oregonator, t ∈ [0, 360]. */
    public static StiffTestSet orego() {
        OdeProblem p = OdeProblem.builder().states("y1", "y2", "y3").rhs((t, y, q) -> new Var[] {
            y[1].add(y[0].mul(y[0].mul(-8.375e-6).add(1).sub(y[1]))).mul(77.27),
            y[2].sub(y[0].add(1).mul(y[1])).mul(1 / 77.27),
            y[0].sub(y[2]).mul(0.161)}).initial(1, 2, 3).build();
        return new StiffTestSet("orego", p, 360,
                new double[] {0.1000814870318523e+01, 0.1228178521549917e+04, 0.1320554942846706e+03}, Double.NaN);
    }

    /** HIRES (hires.f): High Irradiance RESponse of photomorphogenesis, 8 states, t ∈ [0, 321.8122]. */
    public static StiffTestSet hires() {
        OdeProblem p = OdeProblem.builder().states("y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8").rhs((t, y, q) -> {
            Var r = y[5].mul(y[7]).mul(280);
            return new Var[] {
                y[0].mul(-1.71).add(y[1].mul(0.43)).add(y[2].mul(8.32)).add(0.0007),
                y[0].mul(1.71).sub(y[1].mul(8.75)),
                y[2].mul(-10.03).add(y[3].mul(0.43)).add(y[4].mul(0.035)),
                y[1].mul(8.32).add(y[2].mul(1.71)).sub(y[3].mul(1.12)),
                y[4].mul(-1.745).add(y[5].add(y[6]).mul(0.43)),
                r.neg().add(y[3].mul(0.69)).add(y[4].mul(1.71)).sub(y[5].mul(0.43)).add(y[6].mul(0.69)),
                r.sub(y[6].mul(1.81)),
                y[6].mul(1.81).sub(r)};
        }).initial(1, 0, 0, 0, 0, 0, 0, 0.0057).build();
        return new StiffTestSet("hires", p, 321.8122, new double[] {0.7371312573325668e-3, 0.1442485726316185e-3,
            0.5888729740967575e-4, 0.1175651343283149e-2, 0.2386356198831331e-2, 0.6238968252742796e-2,
            0.2849998395185769e-2, 0.2850001604814231e-2}, Double.NaN);
    }

    /** E5 (e5.f): the chemical pyrolysis problem of the stiff DETEST set, t ∈ [0, 1e13]. */
    public static StiffTestSet e5() {
        OdeProblem p = OdeProblem.builder().states("y1", "y2", "y3", "y4").rhs((t, y, q) -> {
            Var prod1 = y[0].mul(7.89e-10);
            Var prod2 = y[0].mul(y[2]).mul(1.1e7);
            Var prod3 = y[1].mul(y[2]).mul(1.13e9);
            Var prod4 = y[3].mul(1.13e3);
            Var f2 = prod1.sub(prod3);
            Var f4 = prod2.sub(prod4);
            return new Var[] {prod1.neg().sub(prod2), f2, f2.sub(f4), f4};
        }).initial(1.76e-3, 0, 0, 0).build();
        // the set runs E5 with atol = 1.7e-24 (its components reach 1e-22)
        return new StiffTestSet("e5", p, 1e13,
                new double[] {0.1152903278711829e-290, 0.8867655517642120e-22, 0.8854814626268838e-22, 0}, 1.7e-24);
    }

    private static final double[] POLLU_K = {.35, .266e2, .123e5, .86e-3, .82e-3, .15e5, .13e-3, .24e5, .165e5, .9e4,
        .22e-1, .12e5, .188e1, .163e5, .48e7, .35e-3, .175e-1, .1e9, .444e12, .124e4, .21e1, .578e1, .474e-1, .178e4,
        .312e1};

    /** POLLU (pollu.f): the chemical part of the RIVM air pollution model, 20 species, 25 reactions, t ∈ [0, 60]. */
    public static StiffTestSet pollution() {
        String[] names = new String[20];
        for (int i = 0; i < 20; i++) {
            names[i] = "y" + (i + 1);
        }
        double[] k = POLLU_K;
        OdeProblem p = OdeProblem.builder().states(names).rhs((t, y, q) -> {
            // y(i) of the Fortran file is y[i - 1]; r(j) is r[j]
            Var[] r = new Var[26];
            r[1] = y[0].mul(k[0]);
            r[2] = y[1].mul(y[3]).mul(k[1]);
            r[3] = y[4].mul(y[1]).mul(k[2]);
            r[4] = y[6].mul(k[3]);
            r[5] = y[6].mul(k[4]);
            r[6] = y[6].mul(y[5]).mul(k[5]);
            r[7] = y[8].mul(k[6]);
            r[8] = y[8].mul(y[5]).mul(k[7]);
            r[9] = y[10].mul(y[1]).mul(k[8]);
            r[10] = y[10].mul(y[0]).mul(k[9]);
            r[11] = y[12].mul(k[10]);
            r[12] = y[9].mul(y[1]).mul(k[11]);
            r[13] = y[13].mul(k[12]);
            r[14] = y[0].mul(y[5]).mul(k[13]);
            r[15] = y[2].mul(k[14]);
            r[16] = y[3].mul(k[15]);
            r[17] = y[3].mul(k[16]);
            r[18] = y[15].mul(k[17]);
            r[19] = y[15].mul(k[18]);
            r[20] = y[16].mul(y[5]).mul(k[19]);
            r[21] = y[18].mul(k[20]);
            r[22] = y[18].mul(k[21]);
            r[23] = y[0].mul(y[3]).mul(k[22]);
            r[24] = y[18].mul(y[0]).mul(k[23]);
            r[25] = y[19].mul(k[24]);
            return new Var[] {
                sum(r, -1, -10, -14, -23, -24, 2, 3, 9, 11, 12, 22, 25),
                sum(r, -2, -3, -9, -12, 1, 21),
                sum(r, -15, 1, 17, 19, 22),
                sum(r, -2, -16, -17, -23, 15),
                sum(r, -3, 4, 4, 6, 7, 13, 20),
                sum(r, -6, -8, -14, -20, 3, 18, 18),
                sum(r, -4, -5, -6, 13),
                sum(r, 4, 5, 6, 7),
                sum(r, -7, -8),
                sum(r, -12, 7, 9),
                sum(r, -9, -10, 8, 11),
                sum(r, 9),
                sum(r, -11, 10),
                sum(r, -13, 12),
                sum(r, 14),
                sum(r, -18, -19, 16),
                sum(r, -20),
                sum(r, 20),
                sum(r, -21, -22, -24, 23, 25),
                sum(r, -25, 24)};
        }).initial(0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0).build();
        return new StiffTestSet("pollu", p, 60, new double[] {0.5646255480022769e-01, 0.1342484130422339e+00,
            0.4139734331099427e-08, 0.5523140207484359e-02, 0.2018977262302196e-06, 0.1464541863493966e-06,
            0.7784249118997964e-01, 0.3245075353396018e+00, 0.7494013383880406e-02, 0.1622293157301561e-07,
            0.1135863833257075e-07, 0.2230505975721359e-02, 0.2087162882798630e-03, 0.1396921016840158e-04,
            0.8964884856898295e-02, 0.4352846369330103e-17, 0.6899219696263405e-02, 0.1007803037365946e-03,
            0.1772146513969984e-05, 0.5682943292316392e-04}, Double.NaN);
    }

    /** Σ ± r[j] for the signed reaction indices (−j subtracts r[j]), in the Fortran file's order. */
    private static Var sum(Var[] r, int... signed) {
        Var acc = null;
        for (int j : signed) {
            Var term = r[Math.abs(j)];
            if (acc == null) {
                acc = j < 0 ? term.neg() : term;
            } else {
                acc = j < 0 ? acc.sub(term) : acc.add(term);
            }
        }
        return acc;
    }

    public static StiffTestSet[] all() {
        return new StiffTestSet[] {rober(), vdpol(), vdpolm(), orego(), hires(), e5(), pollution()};
    }

    /** The absolute tolerance for a run at relative tolerance {@code rtol}. */
    public double atolFor(double rtol) {
        return Double.isNaN(atol) ? rtol : atol;
    }

    @Override
    public String toString() {
        return name;
    }
}
