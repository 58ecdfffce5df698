package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The compact layout of a scalar recording (one-byte op codes, no argument offsets, no slot for
 * inputs and constants; {@code compile.TapeSweep}). Oracle: the same Java function traced into a
 * static graph and run by the interpreted {@link Program}, whose arrays are in the general layout;
 * every gradient is compared bit for bit, with its presence (absent ≠ zero).
 */
class CompactTapeTest {

    /** Records {@code f} at {@code x} on {@code rec} (cleared first) and checks value and gradient against the interpreter bit for bit. */
    private static void assertInterpreterGradient(Recorder rec, Function<Var[], Var> f, double[] x, boolean viaGraph) {
        String[] names = new String[x.length];
        for (int j = 0; j < x.length; j++) {
            names[j] = "x" + j;
        }
        Gradient expected = Program.compile(Graph.trace(f, names), ExecutionMode.INTERPRETED).gradient(x);
        rec.clear();
        Var[] v = new Var[x.length];
        for (int j = 0; j < x.length; j++) {
            v[j] = rec.parameter(names[j], x[j]);
        }
        Var loss = f.apply(v);
        if (viaGraph) {
            rec.toGraph("y", loss);          // converts the tape to the general layout mid-recording
        }
        Gradient actual = rec.gradient(loss);
        assertEquals(Double.doubleToLongBits(expected.value()), Double.doubleToLongBits(actual.value()), "value");
        assertArrayEquals(expected.presence(), actual.presence(), "presence");
        for (int k = 0; k < x.length; k++) {
            assertEquals(Double.doubleToLongBits(expected.get(k)), Double.doubleToLongBits(actual.get(k)),
                    "d/d" + names[k] + ": " + expected.get(k) + " vs " + actual.get(k));
        }
    }

    /** A variadic node of more than 255 arguments (its count does not fit the op-code byte) among fixed-arity ones. */
    @Test
    void variadicNodesWithMoreThan255ArgumentsAndSelect() {
        double[] x = new double[300];
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.sin(j) * 3;
        }
        Function<Var[], Var> f = v -> {
            Var[] sq = new Var[v.length - 1];
            for (int j = 0; j < sq.length; j++) {
                sq[j] = v[j].mul(v[j + 1]).pow(2);     // powi: a parameter slot
            }
            Var lse = Var.logsumexp(sq);              // 299 arguments
            Var ce = Var.softmaxCrossEntropy(7, v);   // 300 arguments and a parameter (the target)
            Var pick = Var.select(v[3].gt(v[4]), lse, ce);
            return pick.add(lse.mul(ce)).add(v[0].abs()).sub(v[1].relu());
        };
        Recorder rec = new Recorder();
        assertInterpreterGradient(rec, f, x, false);
        assertInterpreterGradient(rec, f, x, true);
        x[3] = -x[3];                                 // the other branch of select
        assertInterpreterGradient(rec, f, x, false);
    }

    /** Kinks at their kink, quotients making infinities, and an input that is never read (no gradient). */
    @Test
    void kinksStrongZerosAndUntouchedParameters() {
        Function<Var[], Var> f = v -> v[0].abs().add(v[1].relu()).add(v[0].max(v[1]))
                .add(v[2].div(v[1]).mul(v[1].step())).add(v[1].log().mul(v[0].square()));
        Recorder rec = new Recorder();
        assertInterpreterGradient(rec, f, new double[] {0.0, 0.0, 1.5, 9.0}, false);
        assertInterpreterGradient(rec, f, new double[] {-0.0, 2.0, 0.0, 9.0}, false);
        rec.clear();
        Var a = rec.parameter("a", 1.0);
        Var unused = rec.parameter("unused", 2.0);
        Gradient g = rec.gradient(a.sin());
        assertTrue(g.isPresent("a"));
        assertFalse(g.isPresent("unused"), "a parameter no recorded operation reads has no gradient");
        assertEquals(0.0, g.get("unused"), 0.0);
        assertEquals(2.0, unused.value(), 0.0);
    }

    /**
     * One recorder reused for tapes that cross every capacity boundary of its arrays (64 nodes at
     * first, doubled as needed), long then short then long again, and after a conversion to the
     * general layout: every recording's gradient is the interpreter's.
     */
    @Test
    void tapesGrowingAcrossCapacityAndReusedAcrossCalls() {
        Recorder rec = new Recorder();
        for (int n : new int[] {3, 63, 64, 65, 1000, 5, 4097, 2}) {
            double[] x = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = 0.1 + 0.37 * j % 1.3;
            }
            Function<Var[], Var> f = v -> {
                Var s = v[0].constant(0.25);
                for (int j = 0; j + 1 < v.length; j++) {
                    s = s.add(v[j + 1].sub(v[j].square()).square().mul(100.0)).add(v[j].sub(1.0).cos());
                }
                return v.length == 1 ? s.add(v[0]) : s;
            };
            assertInterpreterGradient(rec, f, x, n == 1000);
        }
    }

    /** Bytes per node as the layout states: 1 (op code) + 8 (value) + 4 per slot, + 4 per input (its node). */
    @Test
    void tapeBytesFollowTheCompactLayout() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", 0.5);
        Var y = rec.parameter("y", 2.0);
        x.mul(y).add(x.sin());                        // op = [in, in, mul, sin, add], slots [0 1 | 0 | 2 3]
        assertEquals(5, rec.size());
        assertEquals(5 * 9 + 5 * 4 + 2 * 4, rec.tapeBytes());
        x.pow(3);                                     // a parameter: one more slot and one constant
        assertEquals(6 * 9 + 7 * 4 + 8 + 2 * 4, rec.tapeBytes());
        // extended Rosenbrock (the issue 14 workload): ≤ 16 bytes per recorded node
        rec.clear();
        Var[] v = new Var[1000];
        for (int j = 0; j < v.length; j++) {
            v[j] = rec.parameter("x" + j, j % 2 == 0 ? -1.2 : 1.0);
        }
        Var hundred = v[0].constant(100.0);
        Var one = v[0].constant(1.0);
        Var f = null;
        for (int i = 0; i + 1 < v.length; i += 2) {
            Var a = v[i + 1].sub(v[i].square());
            Var term = hundred.mul(a.square()).add(one.sub(v[i]).square());
            f = f == null ? term : f.add(term);
        }
        assertTrue(rec.tapeBytes() <= 16L * rec.size(), rec.tapeBytes() + " bytes for " + rec.size() + " nodes");
    }

    /**
     * Scalars recorded compactly, then a matrix: the tape converts to the general layout in the
     * middle of the recording and the gradient is the closed form. f = Σ_ij (x·y)·M_ij with
     * M 2×2: ∂f/∂x = y·ΣM, ∂f/∂y = x·ΣM, ∂f/∂M_ij = x·y.
     */
    @Test
    void aMatrixAfterScalarsConvertsTheTape() {
        for (int round = 0; round < 2; round++) {     // the second round: a cleared, reused recorder
            Recorder rec = new Recorder();
            Var x = rec.parameter("x", 1.5);
            Var y = rec.parameter("y", -2.0);
            Var s = x.mul(y);
            Var m = rec.parameter("M", new double[] {1, 2, 3, 4}, new Shape(2, 2));
            Var loss = m.mul(s.broadcastTo(new Shape(2, 2))).sumAll();
            Gradient g = rec.gradient(loss);
            assertEquals(-30.0, g.value(), 0.0);
            assertEquals(-2.0 * 10, g.get("x"), 0.0);
            assertEquals(1.5 * 10, g.get("y"), 0.0);
            assertArrayEquals(new double[] {-3, -3, -3, -3}, g.array("M"), 0.0);
            rec.clear();
            Var z = rec.parameter("z", 3.0);
            assertEquals(6.0, rec.gradient(z.square()).get("z"), 0.0);   // compact again after clear
        }
    }
}
