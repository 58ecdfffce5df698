package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A recorder reuses the description, loop and shared adjoints of a fused run it described lately
 * ({@link RecentRunSpecs}: the reverse sweep's, and the deferred evaluation's of a run ending in a
 * sum, {@link PendingRun}) only when the run is described exactly as before. One recorder records,
 * alternately, two programs that differ in one thing only (a shape, which changes the strides of
 * the run's views; an entry's parameter; an entry's argument; which adjoints the loop can share)
 * — each recording would give the other's bits if the reuse took the wrong description. Oracle:
 * each program's static graph run by the interpreter, value and gradient bit for bit.
 */
class RecentRunSpecsTest {
    private static final int SIZE = 24;

    /**
     * A program with a fused run over strided views (the columns of x as {@code cols} columns), a
     * parametric entry ({@code power}), an entry whose arguments come in either order, and rolls
     * whose adjoints the loop may share.
     */
    private record Program(int cols, int power, boolean otherArgument, boolean rolls) {
        Var apply(Var x) {
            Var u = x.reshape(SIZE / cols, cols);
            Var a = u.sliceCols(0, 1);
            Var b = u.sliceCols(1, 2);
            Var y = a.sin();
            Var z = a.mul(b);
            Var c = a.cos();
            Var w = (otherArgument ? c.sub(y) : y.sub(c)).pow(power).mul(y).add(z);
            if (rolls) {
                w = w.add(y.roll(1, 0).add(y.roll(-1, 0)).sub(y.mul(2.0)).mul(z));
            }
            return w.sumAll();
        }
    }

    private static void assertAlternatingRecordingsGiveTheInterpretersBits(Program first, Program second) {
        double[] x = new double[SIZE];
        for (int e = 0; e < SIZE; e++) {
            x[e] = Math.cos(2.3 * e) * 1.7;
        }
        Recorder rec = new Recorder();
        for (int call = 0; call < 6; call++) {
            Program p = call % 2 == 0 ? first : second;
            rec.clear();
            Gradient got = rec.gradient(p.apply(rec.parameter("x", x)));
            Gradient want = dev.leibniz.core.Program.compile(Graph.trace(v -> p.apply(v[0]), new String[] {"x"},
                    new Shape[] {new Shape(SIZE, 1)}), ExecutionMode.INTERPRETED).gradient(new double[][] {x});
            assertEquals(Double.doubleToLongBits(want.value()), Double.doubleToLongBits(got.value()),
                    "value of " + p + " at call " + call);
            for (int e = 0; e < SIZE; e++) {
                assertEquals(Double.doubleToLongBits(want.array(0)[e]), Double.doubleToLongBits(got.array(0)[e]),
                        "x̄[" + e + "] of " + p + " at call " + call);
            }
        }
    }

    @Test
    void aRunOverViewsOfAnotherShapeIsDescribedAnew() {
        // 12×2 against 8×3: the columns' strides differ, and so do the run's element counts
        assertAlternatingRecordingsGiveTheInterpretersBits(new Program(2, 2, false, false), new Program(3, 2, false, false));
    }

    @Test
    void aRunWithAnotherParameterIsDescribedAnew() {
        assertAlternatingRecordingsGiveTheInterpretersBits(new Program(2, 2, false, false), new Program(2, 3, false, false));
    }

    @Test
    void aRunWithAnotherArgumentIsDescribedAnew() {
        assertAlternatingRecordingsGiveTheInterpretersBits(new Program(2, 3, false, true), new Program(2, 3, true, true));
    }

    @Test
    void aRunWhoseAdjointsAreSharedSharesThemAgainWhenReused() {
        assertAlternatingRecordingsGiveTheInterpretersBits(new Program(2, 2, false, true), new Program(2, 2, false, false));
    }
}
