package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A dynamic recording (values computed as each operation runs, primitives called directly, backward
 * sweep by {@code TapeSweep}) gives the interpreter's gradient bit for bit — value, every
 * component and its presence — on random programs. The oracle is the same program traced into a
 * static graph and run by the interpreted {@link Program}, whose reverse loop computes every
 * partial during the sweep from the declarations; the two share no code path after the
 * declarations themselves.
 *
 * <p>The programs mix smooth operations with kinks at their kink (ties of max/min, relu and abs at
 * 0 under random subgradient choices), comparisons and {@code select} (whose condition receives
 * nothing: {@code Dependence.NONE}), quotients and logarithms that make infinities and NaNs (strong
 * zeros), integer powers with a parameter, variadic reductions, and inputs the output never reads
 * (no gradient, not a zero one).
 */
class RecordedGradientProperties {
    private static final double[] CONSTANTS = {0.5, 2.0, -1.5, 0.0, -0.0, 3.0, 1.0};

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<double[]> points() {
        // a few exact values (kinks, ties, zeros) among random ones
        return Arbitraries.oneOf(Arbitraries.doubles().between(-2, 2), Arbitraries.of(0.0, -0.0, 1.0, -1.0, 0.5))
                .array(double[].class).ofSize(5);
    }

    @Provide
    Arbitrary<Subgradients> policies() {
        return Arbitraries.of(Subgradients.DEFAULT, new Subgradients(1.0, -1.0, 0.0), new Subgradients(0.5, 1.0, 1.0));
    }

    @Property(tries = 1000)
    void recordedGradientIsTheInterpretersBitForBit(@ForAll("seeds") long seed, @ForAll("points") double[] x,
                                                    @ForAll("policies") Subgradients policy) {
        int inputs = 1 + (int) Math.floorMod(seed, 5L);
        String[] names = new String[inputs];
        for (int j = 0; j < inputs; j++) {
            names[j] = "x" + j;
        }
        Graph g = Graph.trace(v -> program(v, new Random(seed)), names);
        Program interpreted = Program.compile(g, ExecutionMode.INTERPRETED);
        double[] at = java.util.Arrays.copyOf(x, inputs);
        Gradient expected = interpreted.gradient(0, new EvalOptions(policy, false), at);

        Recorder rec = new Recorder(new EvalOptions(policy, false));
        for (int round = 0; round < 2; round++) {   // the second round reuses the tape's arrays
            rec.clear();
            Var[] v = new Var[inputs];
            for (int j = 0; j < inputs; j++) {
                v[j] = rec.parameter(names[j], at[j]);
            }
            Gradient actual = rec.gradient(program(v, new Random(seed)));
            assertEquals(Double.doubleToLongBits(expected.value()), Double.doubleToLongBits(actual.value()),
                    "value " + expected.value() + " vs " + actual.value() + "\n" + g);
            assertArrayEquals(expected.presence(), actual.presence(), "presence\n" + g);
            for (int k = 0; k < inputs; k++) {
                assertEquals(Double.doubleToLongBits(expected.get(k)), Double.doubleToLongBits(actual.get(k)),
                        "d/d" + names[k] + " " + expected.get(k) + " vs " + actual.get(k) + " at "
                                + java.util.Arrays.toString(at) + "\n" + g);
            }
            double[] flat = new double[inputs];
            double value = rec.valueAndGradient(recordAgain(rec, names, at, seed), flat);
            assertEquals(Double.doubleToLongBits(expected.value()), Double.doubleToLongBits(value));
            for (int k = 0; k < inputs; k++) {
                double want = expected.isPresent(k) ? expected.get(k) : 0.0;
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(flat[k]), "valueAndGradient d/d" + names[k]);
            }
        }
    }

    private static Var recordAgain(Recorder rec, String[] names, double[] at, long seed) {
        rec.clear();
        Var[] v = new Var[names.length];
        for (int j = 0; j < names.length; j++) {
            v[j] = rec.parameter(names[j], at[j]);
        }
        return program(v, new Random(seed));
    }

    /** A random straight-line program over the inputs; the same seed gives the same operations. */
    static Var program(Var[] in, Random rnd) {
        // the first input only when there are several, so that the others may stay unread
        List<Var> pool = new ArrayList<>();
        pool.add(in[0]);
        for (int j = 1; j < in.length; j++) {
            if (rnd.nextInt(3) > 0) {
                pool.add(in[j]);
            }
        }
        int ops = 1 + rnd.nextInt(25);
        for (int i = 0; i < ops; i++) {
            Var a = pick(pool, rnd);
            Var b = pick(pool, rnd);
            Var c = rnd.nextInt(4) == 0 ? a.constant(CONSTANTS[rnd.nextInt(CONSTANTS.length)]) : pick(pool, rnd);
            pool.add(switch (rnd.nextInt(24)) {
                case 0 -> a.add(b);
                case 1 -> a.sub(c);
                case 2 -> a.mul(c);
                case 3 -> a.div(c);
                case 4 -> a.neg();
                case 5 -> a.square();
                case 6 -> a.pow(rnd.nextInt(7) - 3);
                case 7 -> a.sin();
                case 8 -> a.tanh();
                case 9 -> a.sqrt();
                case 10 -> a.log();
                case 11 -> a.exp();
                case 12 -> a.relu();
                case 13 -> a.abs();
                case 14 -> a.max(c);
                case 15 -> a.min(b);
                case 16 -> a.hypot(c);
                case 17 -> a.step();
                case 18 -> Var.select(a.lt(c), b, a);
                case 19 -> Var.select(a.gt(b), a.mul(b), c);
                case 20 -> Var.logsumexp(a, b, c);
                case 21 -> Var.sum(a, b, c);
                case 22 -> a.mulStrongZero(c);
                default -> a.pow(b);
            });
        }
        return pool.get(pool.size() - 1);
    }

    private static Var pick(List<Var> pool, Random rnd) {
        // favour recent values so that the graph is deep, not a fan of shallow leaves
        int n = pool.size();
        return pool.get(Math.max(0, n - 1 - rnd.nextInt(Math.min(n, 6))));
    }
}
