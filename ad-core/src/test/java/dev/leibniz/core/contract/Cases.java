package dev.leibniz.core.contract;

import dev.leibniz.core.Shape;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.PrimitiveDomains;
import dev.leibniz.core.prim.PrimitiveDomains.Point;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorCases;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The cases of the contract test, over every registered primitive: random ones ({@link #random})
 * for the jqwik property, and a deterministic grid of poison points ({@link #grid}).
 *
 * <p>Scalar primitives are drawn inside their domain by {@link PrimitiveDomains} (which also
 * puts kinks and ties there), then arguments are poisoned — NaN, ±∞, ±0, ±1, the edges of the
 * domains (−1 for log1p, 710 where exp overflows, the largest and the smallest double) — or tied.
 * Variadic primitives are also drawn with 9 to 12 arguments (rules and sparsity code have
 * special paths beyond 8). A point is a scalar graph (1×1), or two points side by side as 1×2
 * matrices (the primitive lifted elementwise), some arguments broadcast from 1×1. Matrix
 * primitives take the configurations of {@link TensorCases} with some elements poisoned.
 * Cotangents are drawn from {1, random, 0, +∞}, tangents likewise.
 */
public final class Cases {
    private Cases() {
    }

    /** Argument values where back ends have disagreed or might. */
    static final double[] POISON = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1.0, -1.0, 0.5, -2.0, 3.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 710.0, Math.PI / 2};
    /** The per-argument values of the grid, by arity (the product must stay small). */
    private static final double[] GRID_2 = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1.0, -1.0, 0.5, -2.0};
    private static final double[] GRID_3 = {Double.NaN, Double.POSITIVE_INFINITY, 0.0, 1.0, -2.0};
    /** A wide variadic point (10 arguments) and the positions poisoned in its variants. */
    private static final double[] WIDE = {0.5, -1, 2, 0, 1.5, -0.25, 3, -2, 1, 0.75};
    static final double[] COTANGENTS = {1.0, 0.3125, 0.0, Double.POSITIVE_INFINITY};
    private static final double[] TANGENTS = {0.75, 1.0, 0.0, Double.POSITIVE_INFINITY, -1.5};

    /** Every primitive the contract covers: all registered ones except the leaves (inputs and constants). */
    public static List<Primitive> primitives() {
        List<Primitive> all = new ArrayList<>();
        for (Primitive p : Primitives.all()) {
            if (p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT
                    && p != dev.leibniz.core.prim.TensorConstant.MATRIX) {
                all.add(p);
            }
        }
        return Collections.unmodifiableList(all);
    }

    // ---------------------------------------------------------------- random cases

    /** One random case: a primitive, an embedding, a point, a layout, a cotangent and a tangent. */
    public static Case random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Primitive> prims = primitives();
        Primitive p = prims.get(r.nextInt(prims.size()));
        Embedding e = Embedding.values()[r.nextInt(Embedding.values().length)];
        String origin = "random case of seed " + seed + " (Cases.random(" + seed + "L))";
        return p instanceof TensorPrimitive t ? tensorCase(r, t, e, origin) : scalarCase(r, p, e, origin);
    }

    private static Case scalarCase(SplittableRandom r, Primitive p, Embedding e, String origin) {
        PrimitiveDomains.Domain d = PrimitiveDomains.of(p);
        Point a = d.sample(r);
        if (p.arity() < 0 && r.nextInt(3) == 0) {
            a = widen(d, a, 9 + r.nextInt(4), r);
        }
        int n = a.arity();
        double[] xa = poisoned(a.x(), r);
        int layout = r.nextInt(10);
        if (layout < 6) {
            return scalar(p, a.param(), xa, e, COTANGENTS[r.nextInt(4)], tangents(r, n), origin);
        }
        double[] xb = poisoned(pointOfArity(d, n, r), r);
        boolean[] wide = new boolean[n];
        Arrays.fill(wide, true);
        if (layout == 9) { // broadcasting: some arguments 1×1, at least one 1×2
            for (int k = 0; k < n; k++) {
                wide[k] = r.nextBoolean();
            }
            wide[r.nextInt(n)] = true;
        }
        return pair(p, a.param(), xa, xb, wide, e, new double[] {COTANGENTS[r.nextInt(4)], COTANGENTS[r.nextInt(4)]},
                r, origin);
    }

    /** A variadic point widened to {@code n} arguments with values drawn from the same domain. */
    private static Point widen(PrimitiveDomains.Domain d, Point a, int n, SplittableRandom r) {
        double[] x = Arrays.copyOf(a.x(), n);
        int filled = a.arity();
        while (filled < n) {
            double[] more = d.sample(r).x();
            for (int j = 0; j < more.length && filled < n; j++) {
                x[filled++] = more[j];
            }
        }
        return new Point(x, a.param());
    }

    /** Values for a second point of the same arity (variadic domains draw their arity). */
    private static double[] pointOfArity(PrimitiveDomains.Domain d, int n, SplittableRandom r) {
        for (int tries = 0; tries < 50; tries++) {
            Point b = d.sample(r);
            if (b.arity() == n) {
                return b.x();
            }
            if (b.arity() > n) {
                return Arrays.copyOf(b.x(), n);
            }
        }
        return widen(d, d.sample(r), n, r).x();
    }

    /** Half the time, each argument replaced by a poison value with probability 0.35, or tied to an earlier one. */
    private static double[] poisoned(double[] x, SplittableRandom r) {
        double[] y = x.clone();
        if (r.nextBoolean()) {
            for (int k = 0; k < y.length; k++) {
                if (r.nextInt(20) < 7) {
                    y[k] = POISON[r.nextInt(POISON.length)];
                }
            }
        }
        if (y.length >= 2 && r.nextInt(7) == 0) {
            int j = 1 + r.nextInt(y.length - 1);
            y[j] = y[r.nextInt(j)];
        }
        return y;
    }

    private static double tangentValue(SplittableRandom r) {
        int k = r.nextInt(10);
        return k < 5 ? r.nextDouble(-2, 2) : k < 7 ? 1.0 : k < 9 ? 0.0 : Double.POSITIVE_INFINITY;
    }

    private static double[] tangents(SplittableRandom r, int n) {
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = tangentValue(r);
        }
        return t;
    }

    private static Case tensorCase(SplittableRandom r, TensorPrimitive p, Embedding e, String origin) {
        List<TensorCases.Case> configs = TensorCases.cases().stream().filter(c -> c.p() == p).toList();
        TensorCases.Case tc = configs.get(r.nextInt(configs.size()));
        double[][] x = tc.sample(r);
        double[][] t = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            t[k] = new double[x[k].length];
            if (!tc.continuous(k)) {
                continue;
            }
            for (int i = 0; i < x[k].length; i++) {
                t[k][i] = tangentValue(r);
                if (r.nextInt(6) == 0) {
                    x[k][i] = POISON[r.nextInt(POISON.length)];
                }
            }
        }
        Spec spec = tensorSpec(tc, e);
        double[] ct = new double[spec.outputShape().size()];
        for (int i = 0; i < ct.length; i++) {
            ct[i] = r.nextInt(4) == 0 ? COTANGENTS[r.nextInt(4)] : r.nextDouble(-2, 2);
        }
        return new Case(spec, x, ct, t, origin + ", " + tc);
    }

    static Spec tensorSpec(TensorCases.Case tc, Embedding e) {
        List<Boolean> continuous = new ArrayList<>();
        for (int k = 0; k < tc.arity(); k++) {
            continuous.add(tc.continuous(k));
        }
        return new Spec(tc.p(), tc.param(), Arrays.asList(tc.shapes()), continuous, e);
    }

    // ---------------------------------------------------------------- case builders

    private static Case scalar(Primitive p, double param, double[] x, Embedding e, double ct, double[] t, String origin) {
        int n = x.length;
        double[][] in = new double[n][];
        double[][] tan = new double[n][];
        for (int k = 0; k < n; k++) {
            in[k] = new double[] {x[k]};
            tan[k] = new double[] {t[k]};
        }
        return new Case(Spec.of(p, param, Collections.nCopies(n, Shape.SCALAR), e), in, new double[] {ct}, tan, origin);
    }

    /** Two points side by side: argument k is 1×2 ({@code xa[k], xb[k]}) where {@code wide[k]}, else 1×1 ({@code xa[k]}). */
    private static Case pair(Primitive p, double param, double[] xa, double[] xb, boolean[] wide, Embedding e,
                             double[] ct, SplittableRandom r, String origin) {
        int n = xa.length;
        double[][] in = new double[n][];
        double[][] tan = new double[n][];
        List<Shape> shapes = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            in[k] = wide[k] ? new double[] {xa[k], xb[k]} : new double[] {xa[k]};
            tan[k] = new double[in[k].length];
            for (int i = 0; i < tan[k].length; i++) {
                tan[k][i] = r == null ? TANGENTS[(k + i) % TANGENTS.length] : tangentValue(r);
            }
            shapes.add(wide[k] ? new Shape(1, 2) : Shape.SCALAR);
        }
        return new Case(Spec.of(p, param, shapes, e), in, ct, tan, origin);
    }

    // ---------------------------------------------------------------- the grid

    /**
     * The cotangents of the grid per embedding: all four alone; under sqrt(relu) any nonzero one
     * exposes the infinite adjoint (0.3125, and +∞ on top); an untaken branch only shows an
     * infinite one (and 1 for the plain case); scaled by ∞, any nonzero one does.
     */
    private static double[] gridCotangents(Embedding e) {
        return switch (e) {
            case ALONE -> COTANGENTS;
            case UNDER_SQRT_RELU -> new double[] {0.3125, Double.POSITIVE_INFINITY};
            case UNTAKEN_SELECT_BRANCH -> new double[] {1.0, Double.POSITIVE_INFINITY};
            case SCALED_BY_INFINITY -> new double[] {1.0};
        };
    }

    /**
     * The deterministic grid: every primitive at every combination of poison values (fewer
     * values per argument as the arity grows) and at a few points of its domain, with every
     * embedding, as a scalar graph; consecutive points also side by side as 1×2 matrices, with
     * and without broadcasting; every matrix-primitive configuration with clean and poisoned
     * values.
     */
    public static List<Case> grid() {
        List<Case> cases = new ArrayList<>();
        for (Primitive p : primitives()) {
            if (p instanceof TensorPrimitive) {
                continue;
            }
            for (int n : p.arity() >= 0 ? new int[] {p.arity()} : new int[] {1, 2, 3, WIDE.length}) {
                for (double param : params(p, n)) {
                    gridOf(p, n, param, gridPoints(n), "poison", cases);
                    SplittableRandom r = new SplittableRandom(p.name().hashCode() * 31L + n);
                    List<double[]> domain = new ArrayList<>();
                    for (int i = 0; i < DOMAIN_POINTS; i++) {
                        domain.add(pointOfArity(PrimitiveDomains.of(p), n, r));
                    }
                    gridOf(p, n, param, domain, "domain", cases);
                }
            }
        }
        for (TensorCases.Case tc : TensorCases.cases()) {
            tensorGrid(tc, cases);
        }
        return cases;
    }

    /** Points of the domain per primitive, arity and parameter in the grid (rounding differences show there). */
    private static final int DOMAIN_POINTS = 8;

    private static void gridOf(Primitive p, int n, double param, List<double[]> points, String kind, List<Case> cases) {
        for (int i = 0; i < points.size(); i++) {
            String origin = "grid " + kind + " point " + i + " of " + p.name() + "/" + n;
            double[] t = new double[n];
            for (int k = 0; k < n; k++) {
                t[k] = TANGENTS[(i + k) % TANGENTS.length];
            }
            for (Embedding e : Embedding.values()) {
                for (double ct : gridCotangents(e)) {
                    cases.add(scalar(p, param, points.get(i), e, ct, t, origin));
                }
            }
            if (i % 2 == 1) {
                boolean[] wide = new boolean[n];
                Arrays.fill(wide, true);
                Embedding e = Embedding.values()[(i / 2) % Embedding.values().length];
                double[] ct = kind.equals("domain") ? new double[] {0.3125, -1.25}
                        : new double[] {COTANGENTS[(i / 2) % 4], COTANGENTS[(i / 2 + 1) % 4]};
                cases.add(pair(p, param, points.get(i - 1), points.get(i), wide, e, ct, null, origin + " (1x2)"));
                if (n >= 2) {
                    wide[i / 2 % n] = false;
                    cases.add(pair(p, param, points.get(i - 1), points.get(i), wide, e, ct, null,
                            origin + " (1x2, broadcast)"));
                }
            }
        }
    }

    private static void tensorGrid(TensorCases.Case tc, List<Case> cases) {
        SplittableRandom r = new SplittableRandom(tc.toString().hashCode());
        for (Embedding e : Embedding.values()) {
            for (int variant = 0; variant < 4; variant++) {
                double[][] x = tc.sample(r);
                if (variant > 0 && tc.continuous(0)) {
                    x[0][x[0].length - 1] = GRID_2[variant - 1]; // NaN, +inf, -inf in the last element
                }
                double[][] t = new double[x.length][];
                for (int k = 0; k < x.length; k++) {
                    t[k] = new double[x[k].length];
                    for (int i = 0; tc.continuous(k) && i < t[k].length; i++) {
                        t[k][i] = TANGENTS[(k + i + variant) % TANGENTS.length];
                    }
                }
                Spec spec = tensorSpec(tc, e);
                for (double c : COTANGENTS) {
                    double[] ct = new double[spec.outputShape().size()];
                    for (int i = 0; i < ct.length; i++) {
                        ct[i] = c == 0.3125 ? r.nextDouble(-2, 2) : i == 0 || c != Double.POSITIVE_INFINITY ? c : 1.0;
                    }
                    cases.add(new Case(spec, copy(x), ct, copy(t), "grid variant " + variant + " of " + tc));
                }
            }
        }
    }

    /** Up to three distinct valid parameters of {@code p} with {@code n} arguments, from its domain. */
    private static List<Double> params(Primitive p, int n) {
        Set<Double> found = new LinkedHashSet<>();
        SplittableRandom r = new SplittableRandom(p.name().hashCode());
        for (int i = 0; i < 200 && found.size() < 3; i++) {
            double param = PrimitiveDomains.of(p).sample(r).param();
            try {
                p.checkParam(param, n);
                found.add(param);
            } catch (RuntimeException invalid) {
                // e.g. a target class beyond n: not a parameter for this arity
            }
        }
        if (found.isEmpty()) {
            found.add(0.0);
        }
        return new ArrayList<>(found);
    }

    private static List<double[]> gridPoints(int n) {
        List<double[]> pts = new ArrayList<>();
        if (n == 1) {
            for (double v : POISON) {
                pts.add(new double[] {v});
            }
        } else if (n == 2) {
            for (double a : GRID_2) {
                for (double b : GRID_2) {
                    pts.add(new double[] {a, b});
                }
            }
        } else if (n == 3) {
            for (double a : GRID_3) {
                for (double b : GRID_3) {
                    for (double c : GRID_3) {
                        pts.add(new double[] {a, b, c});
                    }
                }
            }
        } else {
            pts.add(WIDE.clone());
            for (double poison : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0}) {
                for (int at : new int[] {0, 8, n - 1}) {
                    double[] x = WIDE.clone();
                    x[at] = poison;
                    pts.add(x);
                }
            }
            double[] ties = new double[n];
            Arrays.fill(ties, 1.0);
            pts.add(ties);
        }
        return pts;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
