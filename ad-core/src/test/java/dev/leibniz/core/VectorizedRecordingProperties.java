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
 * Random vectorized programs (elementwise operations with broadcasting, slices, reshapes,
 * transposes, sums, on random shapes) recorded on the compact tape give the static graph's
 * gradient bit for bit: value, every element and each parameter's presence. The oracle is the same
 * program traced into a static matrix graph and run by its compiled {@link Program}, whose sweep
 * reads the general graph layout; the two share only the declared kernels. Each try first records
 * another random program of other shapes in the same recorder, so the buffers the recording under
 * test reuses hold stale values of other sizes.
 */
class VectorizedRecordingProperties {
    private static final String[] NAMES = {"x", "y", "row", "s", "unused"};

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 300)
    void recordedVectorizedGradientIsTheStaticGraphsBitForBit(@ForAll("seeds") long seed) {
        Random shapes = new Random(seed);
        int rows = 1 + shapes.nextInt(4);
        int cols = 1 + shapes.nextInt(4);
        Shape[] in = {new Shape(rows, cols), new Shape(rows, cols), new Shape(1, cols), Shape.SCALAR, new Shape(2, 1)};
        double[][] values = new double[in.length][];
        for (int k = 0; k < in.length; k++) {
            values[k] = new double[in[k].size()];
            for (int e = 0; e < values[k].length; e++) {
                values[k][e] = shapes.nextDouble() * 2 - 1;
            }
        }
        Gradient expected = Graph.trace(v -> program(v, new Random(seed)), NAMES, in).compile().gradient(values);

        Recorder rec = new Recorder();
        record(rec, seed + 1, new Shape[] {new Shape(cols + 1, rows), new Shape(cols + 1, rows), new Shape(1, rows),
                Shape.SCALAR, new Shape(3, 1)});
        rec.clear();
        Var[] v = new Var[in.length];
        for (int k = 0; k < in.length; k++) {
            v[k] = rec.parameter(NAMES[k], values[k], in[k]);
        }
        Gradient got = rec.gradient(program(v, new Random(seed)));
        assertEquals(expected.value(), got.value(), 0.0);
        for (int k = 0; k < in.length; k++) {
            assertEquals(expected.isPresent(k), got.isPresent(k), NAMES[k]);
            if (expected.isPresent(k)) {
                assertArrayEquals(expected.array(k), got.array(k), 0.0, NAMES[k]);
            }
        }
    }

    /** Records {@code program(seed)} on parameters of the given shapes (values from the seed). */
    private static void record(Recorder rec, long seed, Shape[] in) {
        Random r = new Random(seed);
        Var[] v = new Var[in.length];
        for (int k = 0; k < in.length; k++) {
            double[] x = new double[in[k].size()];
            for (int e = 0; e < x.length; e++) {
                x[e] = r.nextDouble();
            }
            v[k] = rec.parameter(NAMES[k], x, in[k]);
        }
        rec.gradient(program(v, new Random(seed)));
    }

    /** A random vectorized program of the first four inputs (the fifth is never read); a scalar. */
    static Var program(Var[] in, Random r) {
        List<Var> pool = new ArrayList<>(List.of(in[0], in[1], in[2], in[3]));
        int steps = 3 + r.nextInt(8);
        for (int t = 0; t < steps; t++) {
            Var a = pool.get(r.nextInt(pool.size()));
            Shape s = a.shape();
            Var next;
            switch (r.nextInt(8)) {
                case 0 -> next = a.tanh();
                case 1 -> next = a.sin().mul(a);
                case 2 -> next = a.square().sub(partner(pool, s, r));
                case 3 -> next = partner(pool, s, r).mul(a).add(a);
                case 4 -> next = s.rows() > 1 ? a.sliceRows(r.nextInt(s.rows() - 1), s.rows()) : a.neg();
                case 5 -> next = s.cols() > 1 ? a.sliceCols(0, 1 + r.nextInt(s.cols() - 1)) : a.mul(0.5);
                case 6 -> next = r.nextBoolean() ? a.transpose() : a.reshape(1, s.size());
                default -> next = r.nextBoolean() ? a.sum(r.nextInt(2)) : a.sumAll();
            }
            pool.add(next);
        }
        Var loss = pool.get(pool.size() - 1).sumAll();
        return loss.add(pool.get(r.nextInt(pool.size())).sumAll().mul(0.25));
    }

    /** A variable that broadcasts against shape s: one of that shape, a matching row, or a scalar. */
    private static Var partner(List<Var> pool, Shape s, Random r) {
        List<Var> fits = new ArrayList<>();
        for (Var v : pool) {
            Shape p = v.shape();
            if (p.equals(s) || p.isScalar() || (p.rows() == 1 && p.cols() == s.cols())) {
                fits.add(v);
            }
        }
        return fits.get(r.nextInt(fits.size()));       // never empty: the scalar input fits every shape
    }
}
