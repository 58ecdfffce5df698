package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Rolls of one argument recorded in a row ({@link ShiftedAdjoints}: swept back in one pass) and
 * the fused runs that read them (their adjoint blocks written from +0, {@code FusedRun.FRESH}).
 * Oracle: the same program traced into a static matrix graph and run by the interpreter
 * ({@link ExecutionMode#INTERPRETED}), compared bit for bit — value, every gradient element and
 * presence — on non-square grids, rolls read with +1 partials (equal adjoints, one shared block:
 * {@code FusedRun.SAME}), with −1 partials, weighted, and also by a reader outside the run, u
 * read only by runs and rolls (its adjoint a strided part of x̄) or also by another operation, shifts from −20 to 20 along both axes, rolls of a node of its
 * own or of a strided view (the Brusselator's u), leaves recorded between the rolls, rolls never
 * read (not reached), NaN, ±∞ and ±0 planted in the input; each program recorded twice by one
 * recorder with other values, so that the second recording reuses the first one's blocks.
 */
class ShiftedAdjointsProperties {
    private static final double[] POISON = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0};

    /** Rolls of u (a node or a strided view) weighted by v or by a constant, summed with u·v, squared, summed. */
    static Var program(Var x, int m, int n, long programSeed) {
        SplittableRandom r = new SplittableRandom(programSeed);
        Var xs = x.reshape(m * n, 2);
        Var u = xs.sliceCols(0, 1).reshape(m, n);
        Var v = xs.sliceCols(1, 2).reshape(m, n);
        if (r.nextBoolean()) {
            u = u.tanh();
        }
        int count = 1 + r.nextInt(6);
        Var[] rolled = new Var[count];
        for (int k = 0; k < count; k++) {
            rolled[k] = u.roll(r.nextInt(-20, 21), r.nextInt(2));
            if (r.nextInt(3) == 0) {
                x.constant(1.5 + k);                           // a leaf between two rolls
            }
        }
        Var acc = u.mul(v);
        Var outside = r.nextInt(3) == 0 ? u.transpose().sumAll() : null;   // a reader of u outside the runs and rolls
        for (int k = 0; k < count; k++) {
            int use = r.nextInt(7);                              // 0: never read
            if (use == 1) {
                acc = acc.add(rolled[k].mul(v));
            } else if (use <= 3) {
                acc = acc.sub(rolled[k].mul(x.constant(0.25 * use)));
            } else if (use == 4) {
                acc = acc.add(rolled[k]);                        // a +1 term: rolls whose adjoints are equal
            } else if (use == 5) {
                acc = acc.sub(rolled[k]);                        // a −1 term: not equal to the +1 ones
            } else {
                acc = acc.add(rolled[k]);                        // a +1 term, and a reader outside the run
                Var sum = rolled[k].sumAll();
                outside = outside == null ? sum : outside.add(sum);
            }
        }
        Var loss = acc.mul(acc).sumAll();
        return outside == null ? loss : loss.add(outside.mul(outside));
    }

    private static double[] values(int size, SplittableRandom r, boolean poison) {
        double[] x = new double[size];
        for (int e = 0; e < size; e++) {
            x[e] = r.nextDouble(-1.5, 1.5);
        }
        for (int p = poison ? 1 + r.nextInt(3) : 0; p > 0; p--) {
            x[r.nextInt(size)] = POISON[r.nextInt(POISON.length)];
        }
        return x;
    }

    @Property(tries = 150)
    void rollsSweptTogetherGiveTheInterpretersBits(@ForAll @IntRange(min = 1, max = 12) int m,
            @ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long programSeed = r.nextLong();
        Program interpreted = Program.compile(Graph.trace(v -> program(v[0], m, n, programSeed), new String[] {"x"},
                new Shape[] {new Shape(2 * m * n, 1)}), ExecutionMode.INTERPRETED);
        Recorder rec = new Recorder();
        for (int recording = 0; recording < 2; recording++) {
            double[] x = values(2 * m * n, r, r.nextInt(3) == 0);
            Gradient want = interpreted.gradient(new double[][] {x});
            rec.clear();
            Gradient got = rec.gradient(program(rec.parameter("x", x), m, n, programSeed));
            assertEquals(Double.doubleToLongBits(want.value()), Double.doubleToLongBits(got.value()), "value");
            assertEquals(want.isPresent(0), got.isPresent(0), "presence");
            double[] w = want.array(0);
            double[] g = got.array(0);
            for (int e = 0; e < w.length; e++) {
                assertEquals(Double.doubleToLongBits(w[e]), Double.doubleToLongBits(g[e]), "x̄[" + e + "], recording " + recording);
            }
        }
    }
}
