package dev.leibniz.core.prim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The one table the primitive contract tests run over: for every primitive of
 * {@link Primitives#all()} (except the leaves), how to draw valid points — arguments and
 * parameter — and where the primitive is not smooth.
 *
 * <p>Points are drawn inside each primitive's domain (log and sqrt at positive arguments, the
 * base of pow positive, tan away from its poles), and the piecewise primitives are drawn
 * <em>at</em> their kinks with a fixed probability, because that is where the subgradient
 * policy matters. {@link Domain#kinkDistance} tells a finite-difference check how far along
 * one coordinate the function stays smooth, so it can skip points within a step of a kink or
 * of the domain's boundary (where a central difference is meaningless).
 */
public final class PrimitiveDomains {
    private PrimitiveDomains() {
    }

    /** Arguments and parameter of one evaluation of a primitive. */
    public record Point(double[] x, double param) {
        public int arity() {
            return x.length;
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(x) + (param != 0 ? " param=" + param : "");
        }
    }

    /** Where to evaluate one primitive. */
    public interface Domain {
        Point sample(SplittableRandom r);

        /**
         * Distance from {@code x} along coordinate {@code k} to the nearest point where the
         * primitive is not differentiable or not defined; infinite for smooth primitives.
         */
        default double kinkDistance(double[] x, int k) {
            return Double.POSITIVE_INFINITY;
        }
    }

    private static final Map<Primitive, Domain> TABLE = new LinkedHashMap<>();

    static {
        put(Arithmetic.ADD, box(2, -3, 3));
        put(Arithmetic.SUB, box(2, -3, 3));
        put(Arithmetic.MUL, box(2, -3, 3));
        put(Arithmetic.MULZ, box(2, -3, 3));
        put(Arithmetic.DIV, r -> point(u(r, -3, 3), awayFromZero(r, 0.2, 3)));
        put(Arithmetic.NEG, box(1, -3, 3));
        put(Arithmetic.SQUARE, box(1, -3, 3));
        put(Arithmetic.POWI, r -> {
            int n = r.nextInt(-3, 6);
            double x = n < 0 ? awayFromZero(r, 0.2, 2) : r.nextInt(8) == 0 ? 0.0 : u(r, -2, 2);
            return new Point(new double[] {x}, n);
        });
        // the base on the boundary 0 now and then (with an exponent > 1, so that 0^b is finite):
        // the convention ∂b = 0 where y = 0 is checked there. The exponent is exactly 0 now and
        // then, where ∂a = 0 but ∂²/∂a∂b = 1/a. Not drawn: 0⁰, where the graph rule gives NaN.
        put(Arithmetic.POW, boundary(r -> switch (r.nextInt(8)) {
            case 0 -> point(0.0, u(r, 1.1, 3));
            case 1 -> point(u(r, 0.1, 3), 0.0);
            default -> point(u(r, 0.1, 3), u(r, -3, 3));
        }, x -> x[0]));
        put(Elementary.SQRT, boundary(r -> point(r.nextInt(10) == 0 ? 0.0 : u(r, 0.05, 5)), x -> x[0]));
        put(Elementary.EXP, box(1, -5, 5));
        put(Elementary.LOG, boundary(r -> point(u(r, 0.05, 5)), x -> x[0]));
        // log1p and expm1 are there for tiny arguments: draw some on a log scale down to 1e-300
        put(Elementary.LOG1P, boundary(r -> point(r.nextInt(4) == 0 ? tiny(r) : u(r, -0.9, 5)), x -> x[0] + 1));
        put(Elementary.EXPM1, r -> point(r.nextInt(4) == 0 ? tiny(r) : u(r, -5, 5)));
        put(Elementary.SIN, box(1, -6, 6));
        put(Elementary.COS, box(1, -6, 6));
        put(Elementary.TAN, boundary(r -> point(u(r, -1.4, 1.4)), x -> Math.PI / 2 - Math.abs(x[0])));
        put(Elementary.TANH, box(1, -4, 4));
        put(Elementary.SIGMOID, box(1, -8, 8));
        put(Elementary.SOFTPLUS, box(1, -8, 8));

        put(Kinks.RELU, kinkAtZero());
        put(Kinks.ABS, kinkAtZero());
        put(Kinks.MAX, ties());
        put(Kinks.MIN, ties());
        put(Kinks.HYPOT, boundary(r -> r.nextInt(8) == 0 ? point(0.0, 0.0) : point(u(r, -3, 3), u(r, -3, 3)),
                x -> Math.hypot(x[0], x[1])));
        put(Kinks.STEP, kinkAtZero());
        put(Kinks.SIGN, kinkAtZero());
        put(Kinks.TIESTEP, kinkAtZero());

        put(Comparisons.LT, ties());
        put(Comparisons.LE, ties());
        put(Comparisons.GT, ties());
        put(Comparisons.GE, ties());
        put(Comparisons.EQ, ties());
        put(Comparisons.SELECT, new Domain() {
            @Override
            public Point sample(SplittableRandom r) {
                double c = switch (r.nextInt(4)) {
                    case 0 -> 0.0;
                    case 1 -> 1.0;
                    case 2 -> -2.5;
                    default -> u(r, -3, 3);
                };
                return point(c, u(r, -3, 3), u(r, -3, 3));
            }

            @Override
            public double kinkDistance(double[] x, int k) {
                return k == 0 ? Math.abs(x[0]) : Double.POSITIVE_INFINITY;
            }
        });

        // the inverse functions now and then exactly at their domain edges, where the derivative
        // is ±inf (the finite-difference checks skip them: the kink distance there is 0)
        put(Trigonometric.ASIN, unitInterval());
        put(Trigonometric.ACOS, unitInterval());
        put(Trigonometric.ATAN, r -> point(r.nextInt(8) == 0 ? large(r) : u(r, -5, 5)));
        // atan2(a, b): the origin (NaN partials), the axes, and the branch cut a = ±0, b < 0
        put(Trigonometric.ATAN2, new Domain() {
            @Override
            public Point sample(SplittableRandom r) {
                return switch (r.nextInt(10)) {
                    case 0 -> point(0.0, 0.0);
                    case 1 -> point(r.nextBoolean() ? 0.0 : -0.0, u(r, -3, 3));
                    case 2 -> point(u(r, -3, 3), 0.0);
                    default -> point(u(r, -3, 3), u(r, -3, 3));
                };
            }

            @Override
            public double kinkDistance(double[] x, int k) {
                double toCut = x[1] < 0 ? Math.abs(x[0]) : Double.POSITIVE_INFINITY;
                return Math.min(Math.hypot(x[0], x[1]), toCut);
            }
        });
        put(Hyperbolic.SINH, box(1, -5, 5));
        put(Hyperbolic.COSH, box(1, -5, 5));
        put(Hyperbolic.ASINH, r -> point(switch (r.nextInt(8)) {
            case 0 -> tiny(r);
            case 1 -> large(r);
            default -> u(r, -5, 5);
        }));
        put(Hyperbolic.ACOSH, boundary(r -> point(switch (r.nextInt(8)) {
            case 0 -> 1.0;
            case 1 -> 1.0 + Math.abs(tiny(r));
            case 2 -> Math.abs(large(r));
            default -> u(r, 1.01, 6);
        }), x -> x[0] - 1));
        put(Hyperbolic.ATANH, boundary(r -> point(switch (r.nextInt(8)) {
            case 0 -> r.nextBoolean() ? 1.0 : -1.0;
            case 1 -> tiny(r);
            default -> u(r, -0.99, 0.99);
        }), x -> 1 - Math.abs(x[0])));
        put(Special.ERF, box(1, -6, 6));
        put(Special.ERFC, box(1, -6, 6));
        put(Special.CBRT, boundary(r -> point(r.nextInt(8) == 0 ? 0.0 : u(r, -5, 5)), x -> Math.abs(x[0])));
        put(Special.LOG10, boundary(r -> point(u(r, 0.05, 5)), x -> x[0]));

        put(Reductions.LOGSUMEXP, r -> new Point(draw(r, r.nextInt(1, 6), -5, 5), 0));
        put(Reductions.SOFTMAX_CROSS_ENTROPY, r -> {
            int n = r.nextInt(1, 6);
            return new Point(draw(r, n, -5, 5), r.nextInt(n));
        });
    }

    /** The domain of a primitive; fails the test run when the table has no row for it. */
    public static Domain of(Primitive p) {
        Domain d = TABLE.get(p);
        if (d == null) {
            throw new AssertionError("primitive '" + p.name() + "' has no row in PrimitiveDomains: "
                    + "every primitive must be covered by the contract tests");
        }
        return d;
    }

    /** The primitives the table covers. */
    public static Map<Primitive, Domain> table() {
        return Collections.unmodifiableMap(TABLE);
    }

    private static void put(Primitive p, Domain d) {
        TABLE.put(p, d);
    }

    private static Point point(double... x) {
        return new Point(x, 0.0);
    }

    static double u(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double awayFromZero(SplittableRandom r, double lo, double hi) {
        double v = u(r, lo, hi);
        return r.nextBoolean() ? v : -v;
    }

    private static double tiny(SplittableRandom r) {
        double v = Math.pow(10, -u(r, 8, 300));
        return r.nextBoolean() ? v : -v;
    }

    /** ±[1e3, 1e300] on a log scale. */
    private static double large(SplittableRandom r) {
        double v = Math.pow(10, u(r, 3, 300));
        return r.nextBoolean() ? v : -v;
    }

    /** [−1, 1], with the edges ±1 an eighth of the time and tiny values another eighth. */
    private static Domain unitInterval() {
        return boundary(r -> point(switch (r.nextInt(8)) {
            case 0 -> r.nextBoolean() ? 1.0 : -1.0;
            case 1 -> tiny(r);
            default -> u(r, -0.99, 0.99);
        }), x -> 1 - Math.abs(x[0]));
    }

    private static double[] draw(SplittableRandom r, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = u(r, lo, hi);
        }
        return x;
    }

    private static Domain box(int n, double lo, double hi) {
        return r -> new Point(draw(r, n, lo, hi), 0.0);
    }

    /** Smooth inside, with a boundary (or singularity) at the given distance from x. */
    private static Domain boundary(Domain d, java.util.function.ToDoubleFunction<double[]> distance) {
        return new Domain() {
            @Override
            public Point sample(SplittableRandom r) {
                return d.sample(r);
            }

            @Override
            public double kinkDistance(double[] x, int k) {
                return distance.applyAsDouble(x);
            }
        };
    }

    /** One argument, a kink at 0, drawn exactly at the kink a quarter of the time. */
    private static Domain kinkAtZero() {
        return new Domain() {
            @Override
            public Point sample(SplittableRandom r) {
                return point(r.nextInt(4) == 0 ? 0.0 : u(r, -3, 3));
            }

            @Override
            public double kinkDistance(double[] x, int k) {
                return Math.abs(x[0]);
            }
        };
    }

    /** Two arguments, a kink where they are equal, drawn exactly tied a quarter of the time. */
    private static Domain ties() {
        return new Domain() {
            @Override
            public Point sample(SplittableRandom r) {
                double a = u(r, -3, 3);
                return point(a, r.nextInt(4) == 0 ? a : u(r, -3, 3));
            }

            @Override
            public double kinkDistance(double[] x, int k) {
                return Math.abs(x[0] - x[1]);
            }
        };
    }
}
