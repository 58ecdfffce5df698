package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fused elementwise loops ({@code ElementwiseSegments}, {@code FusedRun}) keep the
 * {@link dev.leibniz.core.prim.Flow} contract on poisoned inputs: NaN, ±∞, ±0 and ±10³⁰⁰ (whose
 * squares overflow) planted at random elements in the middle of the columns, and sometimes in the
 * broadcast scalars, of the random programs of {@link ElementwiseSegmentsProperties}. An adjoint
 * of 0 contributes nothing even times ∞ or NaN, a non-finite adjoint gives what
 * {@code Flow.times} gives, and the zeros keep their signs. The oracle is the same program traced
 * into a static matrix graph and run by the interpreter ({@link ExecutionMode#INTERPRETED}), one
 * node at a time over whole arrays; value and every gradient element are compared bit for bit
 * ({@link Double#doubleToLongBits}: NaNs are one NaN, +0 and −0 differ).
 */
class PoisonedFusedRunsProperties {
    private static final String[] NAMES = ElementwiseSegmentsProperties.NAMES;
    private static final double[] POISON = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e300, -1e300};

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 150)
    void poisonedElementsGiveTheInterpretersBits(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        int len = 3 + r.nextInt(1200);
        Shape col = new Shape(len, 1);
        Shape[] in = {col, col, Shape.SCALAR, Shape.SCALAR, col};
        double[][] values = ElementwiseSegmentsProperties.values(r, in);
        int planted = 1 + r.nextInt(6);
        for (int m = 0; m < planted; m++) {
            int k = r.nextInt(2);
            values[k][1 + r.nextInt(len - 2)] = POISON[r.nextInt(POISON.length)];   // mid-array
        }
        if (r.nextInt(5) == 0) {
            values[2 + r.nextInt(2)][0] = POISON[r.nextInt(POISON.length)];
        }
        long programSeed = r.nextLong();
        Program interpreted = Program.compile(
                Graph.trace(v -> ElementwiseSegmentsProperties.program(v, new Random(programSeed)), NAMES, in),
                ExecutionMode.INTERPRETED);
        Gradient expected = interpreted.gradient(values);

        Recorder rec = new Recorder();
        Var[] v = ElementwiseSegmentsProperties.parameters(rec, values, in);
        Gradient got = rec.gradient(ElementwiseSegmentsProperties.program(v, new Random(programSeed)));
        assertEquals(Double.doubleToLongBits(expected.value()), Double.doubleToLongBits(got.value()), "value");
        for (int k = 0; k < in.length; k++) {
            assertEquals(expected.isPresent(k), got.isPresent(k), NAMES[k]);
            if (!expected.isPresent(k)) {
                continue;
            }
            double[] want = expected.array(k);
            double[] have = got.array(k);
            for (int e = 0; e < want.length; e++) {
                assertEquals(Double.doubleToLongBits(want[e]), Double.doubleToLongBits(have[e]),
                        NAMES[k] + "[" + e + "]");
            }
        }
    }
}
