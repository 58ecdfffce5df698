package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Adjoint blocks that a fused run reaches first are written by its loop from +0 instead of being
 * zero-filled ({@code FusedRun.FRESH}), and blocks are reused across recordings of the same
 * shapes; so every element must be written even when no rule of the run sends a term there.
 * Oracle: the static matrix graph run by the interpreter, bit for bit, for the second of two
 * recordings by one recorder whose first left a nonzero adjoint in the block.
 */
class FreshAdjointsTest {
    private static final int M = 5;
    private static final int N = 7;

    /** z = roll(x) read by the run through {@code use}; the loss Σ use(z, y)·y with y = sin x. */
    private static Var program(Var x, BiFunction<Var, Var, Var> use) {
        Var u = x.reshape(M, N);
        Var z = u.roll(2, 1);
        Var y = u.sin();
        return use.apply(z, y).mul(y).sumAll();
    }

    private static void assertInterpretersBits(BiFunction<Var, Var, Var> first, BiFunction<Var, Var, Var> second) {
        double[] x = new double[M * N];
        for (int e = 0; e < x.length; e++) {
            x[e] = Math.cos(3.0 * e) * 1.3;
        }
        Recorder rec = new Recorder();
        rec.gradient(program(rec.parameter("x", x), first));          // leaves z̄ = y·… in z's block
        rec.clear();
        Gradient got = rec.gradient(program(rec.parameter("x", x), second));
        Gradient want = Program.compile(Graph.trace(v -> program(v[0], second), new String[] {"x"},
                new Shape[] {new Shape(M * N, 1)}), ExecutionMode.INTERPRETED).gradient(new double[][] {x});
        assertEquals(Double.doubleToLongBits(want.value()), Double.doubleToLongBits(got.value()), "value");
        for (int e = 0; e < x.length; e++) {
            assertEquals(Double.doubleToLongBits(want.array(0)[e]), Double.doubleToLongBits(got.array(0)[e]), "x̄[" + e + "]");
        }
    }

    @Test
    void aBlockNoRuleOfTheRunReachesIsWrittenWithItsZero() {
        // the second recording reads z only through a comparison (no derivative flows to z): z̄ is
        // all +0, and the stale z̄ = y of the first recording must not reach x̄ through the roll
        assertInterpretersBits(Var::mul, (z, y) -> z.gt(y));
    }

    @Test
    void aBlockTheRunWritesIsNotAddedToTheLastRecordings() {
        assertInterpretersBits(Var::mul, (z, y) -> z.mul(y).add(z));
    }
}
