package dev.leibniz.core.memory;

import static dev.leibniz.core.memory.GradientsAgree.assertBitwiseEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * The time–space trade-off on a chain of 10⁵ operations, x ↦ sin x ↦ 0.999·(·) ↦ (·) + 0.001 ↦
 * sin … : store-all keeps every node, saved-values-only keeps the inputs of sin and mul (two
 * values in three), checkpointing keeps about 2√n and recomputes about one forward pass. The
 * gradient is the same, bit for bit, and matches the chain rule run forward in plain Java.
 */
class LongChainTest {
    private static final int OPS = 100_000;

    @Test
    void storeAllSavedOnlyAndCheckpointedAgreeAndCostWhatTheTheorySays() {
        GraphBuilder b = GraphBuilder.tracing();
        Var v = b.input("x");
        Var scale = b.constant(0.999);
        Var shift = b.constant(0.001);
        int sines = 0;
        int muls = 0;
        for (int op = 0; op < OPS; op++) {
            switch (op % 3) {
                case 0 -> {
                    v = v.sin();
                    sines++;
                }
                case 1 -> {
                    v = v.mul(scale);
                    muls++;
                }
                default -> v = v.add(shift);
            }
        }
        Graph chain = b.build("f", v);
        int n = chain.size();
        assertEquals(OPS + 3, n);

        double x0 = 0.7;
        // oracle: the same recurrence in plain Java with the chain rule accumulated forward
        double value = x0;
        double slope = 1.0;
        for (int op = 0; op < OPS; op++) {
            switch (op % 3) {
                case 0 -> {
                    slope *= Math.cos(value);
                    value = Math.sin(value);
                }
                case 1 -> {
                    slope *= 0.999;
                    value *= 0.999;
                }
                default -> value += 0.001;
            }
        }
        assertTrue(Math.abs(slope) > Double.MIN_NORMAL, "the test chain must not underflow: " + slope);

        Gradient storeAll = chain.compile().gradient(x0);
        MeteredGradient saved = MemoryPlannedGradient.plan(chain, 0).run(Subgradients.DEFAULT, x0);
        CheckpointedGradient plan = CheckpointedGradient.plan(chain, 0);
        MeteredGradient checkpointed = plan.run(Subgradients.DEFAULT, x0);
        assertBitwiseEqual(storeAll, saved.gradient(), "saved values only");
        assertBitwiseEqual(storeAll, checkpointed.gradient(), "checkpointed");
        assertEquals(value, storeAll.value(), 0.0);
        // forward vs reverse product order: at most ~2·OPS roundings apart
        assertEquals(slope, storeAll.get("x"), 4.0 * OPS * Math.ulp(1.0) * Math.abs(slope));

        MemoryReport all = MemoryReport.storeAll(chain);
        MemoryReport s = saved.memory();
        MemoryReport c = checkpointed.memory();
        System.out.println("chain of " + OPS + " operations:\n  " + all + "\n  " + s + "\n  " + c);

        assertEquals(n, all.peakStoredValues());
        // sin keeps its argument, mul its non-constant argument, add nothing; one register
        // carries each mul result into its add
        assertTrue(s.peakStoredValues() >= sines + muls && s.peakStoredValues() <= sines + muls + 2,
                s.toString());
        assertEquals(OPS, s.forwardOps());
        assertEquals(0, s.recomputedOps());

        // √n segments: one checkpoint per boundary plus one segment buffer ≈ 2√n
        double root = Math.sqrt(n);
        assertEquals((int) Math.ceil(root), c.segments());
        assertEquals(c.segments() - 1, plan.checkpointCount());
        assertTrue(c.peakStoredValues() >= 2 * root - 2 && c.peakStoredValues() <= 2 * root + 2, c.toString());
        // every segment but the last is recomputed once: n − O(√n) extra operations
        assertEquals(OPS, c.forwardOps());
        assertTrue(c.recomputedOps() >= OPS - root - 1 && c.recomputedOps() < OPS, c.toString());
    }
}
