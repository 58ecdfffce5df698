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
 * Runs of elementwise entries, evaluated and swept as generated loops ({@code PendingRun},
 * {@code ElementwiseSegments}), give the static
 * graph's gradient bit for bit: random chains of elementwise operations on columns of random
 * length — from 2 elements to about 1 500 — with broadcast scalars
 * (parameters used once or several times, constants), intermediate values read again after a
 * non-elementwise operation (a slice, a reshape) breaks the run, and sums. The oracle is the same
 * program traced into a static matrix graph and run by its compiled {@link Program}, which sweeps
 * one node at a time over whole arrays. Value, every gradient element and each parameter's
 * presence are compared; the recorder first records a program of another length, so its buffers
 * hold stale values.
 */
class ElementwiseSegmentsProperties {
    static final String[] NAMES = {"x", "y", "s", "t", "unused"};

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 120)
    void fusedRunsGiveTheStaticGraphsGradientBitForBit(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        int b = 512;                     // lengths around a power of two and odd ones
        int[] lengths = {2, 3, b - 1, b, b + 1, 2 * b + 37, 3 * b - 5};
        int len = r.nextBoolean() ? lengths[r.nextInt(lengths.length)] : 2 + r.nextInt(3 * b);
        Shape col = new Shape(len, 1);
        Shape[] in = {col, col, Shape.SCALAR, Shape.SCALAR, col};
        double[][] values = values(r, in);
        Gradient expected = Graph.trace(v -> program(v, new Random(seed)), NAMES, in).compile().gradient(values);

        Recorder rec = new Recorder();
        Shape other = new Shape(len + 3, 1);
        Shape[] otherIn = {other, other, Shape.SCALAR, Shape.SCALAR, other};
        rec.gradient(program(parameters(rec, values(new Random(seed + 1), otherIn), otherIn), new Random(seed + 1)));
        rec.clear();
        Gradient got = rec.gradient(program(parameters(rec, values, in), new Random(seed)));
        assertEquals(expected.value(), got.value(), 0.0);
        for (int k = 0; k < in.length; k++) {
            assertEquals(expected.isPresent(k), got.isPresent(k), NAMES[k]);
            if (expected.isPresent(k)) {
                assertArrayEquals(expected.array(k), got.array(k), 0.0, NAMES[k]);
            }
        }
    }

    /** Values in [−0.8, 0.8) for inputs of shapes {@code in}. */
    static double[][] values(Random r, Shape[] in) {
        double[][] v = new double[in.length][];
        for (int k = 0; k < in.length; k++) {
            v[k] = new double[in[k].size()];
            for (int e = 0; e < v[k].length; e++) {
                v[k][e] = r.nextDouble() * 1.6 - 0.8;
            }
        }
        return v;
    }

    /** The inputs declared on {@code rec} under {@link #NAMES}. */
    static Var[] parameters(Recorder rec, double[][] values, Shape[] in) {
        Var[] v = new Var[in.length];
        for (int k = 0; k < in.length; k++) {
            v[k] = rec.parameter(NAMES[k], values[k], in[k]);
        }
        return v;
    }

    /**
     * A random program: mostly elementwise steps on the pool of columns, sometimes a step that
     * breaks a run (a reshape and back, a slice joined again), sometimes a sum kept for the end.
     * s is read at most once (a broadcast parameter a run may take); t may be read many times
     * (which ends a run before the entry reading it twice).
     */
    static Var program(Var[] in, Random r) {
        int len = in[0].shape().rows();
        List<Var> pool = new ArrayList<>(List.of(in[0], in[1]));
        List<Var> sums = new ArrayList<>();
        boolean sUsed = false;
        int steps = 4 + r.nextInt(12);
        for (int step = 0; step < steps; step++) {
            Var a = pool.get(r.nextInt(pool.size()));
            Var last = pool.get(pool.size() - 1);
            Var next;
            switch (r.nextInt(11)) {
                case 0 -> next = last.tanh();
                case 1 -> next = last.sin().mul(a);
                case 2 -> next = last.square().sub(a);
                case 3 -> next = a.mul(last).add(last);
                case 4 -> next = last.mul(r.nextBoolean() ? in[3] : in[3].mul(2.0));
                case 5 -> {
                    if (sUsed) {
                        next = last.add(in[0].constant(0.5));
                    } else {
                        next = in[2].sub(last);
                        sUsed = true;
                    }
                }
                case 6 -> next = in[0].constant(1.0).sub(last).mul(0.75);
                case 7 -> next = len % 2 == 0 ? last.reshape(len / 2, 2).reshape(len, 1) : last.neg();
                case 8 -> next = len > 2 ? Var.concat(0, last.sliceRows(1, len), last.sliceRows(0, 1)) : last.exp();
                case 9 -> {
                    sums.add(last.sumAll());
                    next = last.cos();
                }
                default -> next = last.div(a.square().add(1.0));
            }
            pool.add(next);
        }
        Var loss = pool.get(pool.size() - 1).sumAll();
        for (Var s : sums) {
            loss = loss.add(s.mul(0.5));
        }
        return loss.add(pool.get(r.nextInt(pool.size())).square().sumAll().mul(0.25));
    }
}
