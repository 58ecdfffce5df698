package dev.leibniz.core.memory;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import java.util.Arrays;

/**
 * Reverse mode that keeps only the {@link SavedValues saved values} between its sweeps.
 *
 * <p>The forward pass gives every saved value its own cell, and every other value a scratch
 * register that is returned to a free list after the value's last use (a linear-scan register
 * allocation done once, when the plan is made). Peak storage is
 * {@code |saved| + max live scratch values} instead of one value per node; on a chain of
 * {@code sin} and affine steps this keeps about two values in three. The backward pass reads
 * only saved cells; the argument or output slots a primitive declared it does not need are
 * filled with a poison value (NaN), so a primitive that read more than it declared would show
 * up as a wrong gradient in the contract tests rather than as a silent dependency.
 *
 * <p>No work is repeated: the trade-off is only the plan (made once per graph and output) and
 * an indirection per read. Gradients are bit-for-bit those of {@code Program.gradient}. A plan
 * is immutable; each call works in its own arrays.
 */
public final class MemoryPlannedGradient {
    private final Tape t;
    /** Cell of each saved node, else -1. */
    private final int[] savedCell;
    /** Scratch register of each live non-saved, non-constant node, else -1. */
    private final int[] register;
    private final int savedCount;
    private final int registerCount;
    private final double poison;

    private MemoryPlannedGradient(Tape t, double poison) {
        this.t = t;
        this.poison = poison;
        boolean[] saved = SavedValues.mask(t);
        int n = t.size;
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < n; i++) {
            if (t.live[i]) {
                for (int k = 0, m = t.arity(i); k < m; k++) {
                    lastUse[t.arg(i, k)] = i;
                }
            }
        }
        savedCell = new int[n];
        register = new int[n];
        Arrays.fill(savedCell, -1);
        Arrays.fill(register, -1);
        int[] free = new int[n];
        int freeTop = 0;
        int cells = 0;
        int registers = 0;
        for (int i = 0; i < n; i++) {
            if (!t.live[i] || t.isConst[i]) {
                continue;
            }
            // arguments read for the last time: their registers may hold this node's value,
            // since every argument is read before the value is stored
            for (int k = 0, m = t.arity(i); k < m; k++) {
                int a = t.arg(i, k);
                if (register[a] >= 0 && lastUse[a] == i && !alreadyFreed(t, i, k)) {
                    free[freeTop++] = register[a];
                }
            }
            if (saved[i]) {
                savedCell[i] = cells++;
            } else {
                register[i] = freeTop > 0 ? free[--freeTop] : registers++;
                if (lastUse[i] < 0) {
                    free[freeTop++] = register[i]; // the output: read once, right after it is computed
                }
            }
        }
        this.savedCount = cells;
        this.registerCount = registers;
    }

    /** True when argument {@code k} of node {@code i} repeats an earlier argument (mul(a, a)). */
    private static boolean alreadyFreed(Tape t, int i, int k) {
        for (int j = 0; j < k; j++) {
            if (t.arg(i, j) == t.arg(i, k)) {
                return true;
            }
        }
        return false;
    }

    /** Plans the gradient of output {@code outputIndex} of {@code g}. */
    public static MemoryPlannedGradient plan(Graph g, int outputIndex) {
        Tape.requireScalar(g, "memory-planned gradients (MemoryPlannedGradient)");
        return new MemoryPlannedGradient(Tape.of(g, outputIndex), Double.NaN);
    }

    /** The same plan, with another value standing in for the values that are not kept (tests). */
    MemoryPlannedGradient withPoison(double value) {
        return new MemoryPlannedGradient(t, value);
    }

    /** Number of values kept for the backward pass (the {@link SavedValues} of this output). */
    public int savedCount() {
        return savedCount;
    }

    /** Value and gradient at {@code inputs} with the default subgradient policy. */
    public Gradient gradient(double... inputs) {
        return run(Subgradients.DEFAULT, inputs).gradient();
    }

    /** Value, gradient and memory report at {@code inputs}. */
    public MeteredGradient run(Subgradients policy, double... inputs) {
        Tape.checkPolicy(policy);
        t.checkInputs(inputs);
        int n = t.size;
        double[] cells = new double[savedCount];
        double[] regs = new double[registerCount];
        double[] x = new double[t.maxArity];
        double value = t.isConst[t.output] ? t.param[t.output] : Double.NaN;
        long ops = 0;
        for (int i = 0; i < n; i++) {
            if (!t.live[i] || t.isConst[i]) {
                continue;
            }
            for (int k = 0, m = t.arity(i); k < m; k++) {
                int a = t.arg(i, k);
                x[k] = t.isConst[a] ? t.param[a] : savedCell[a] >= 0 ? cells[savedCell[a]] : regs[register[a]];
            }
            double y = t.apply(i, x, inputs, policy);
            ops += t.isOperation(i) ? 1 : 0;
            if (savedCell[i] >= 0) {
                cells[savedCell[i]] = y;
            } else {
                regs[register[i]] = y;
            }
            if (i == t.output) {
                value = y;
            }
        }
        double[] g = new double[n];
        g[t.output] = 1.0;
        for (int i = n - 1; i >= 0; i--) {
            if (!t.swept[i]) {
                continue;
            }
            for (int k = 0, m = t.arity(i); k < m; k++) {
                x[k] = kept(t.arg(i, k), cells);
            }
            t.backwardStep(i, x, kept(i, cells), g, policy);
        }
        MemoryReport report = new MemoryReport("saved values only", (long) savedCount + registerCount, ops, 0, 1);
        return new MeteredGradient(t.gradient(value, g), report);
    }

    /** A value as the backward pass sees it: constants and saved values, poison for the rest. */
    private double kept(int a, double[] cells) {
        return t.isConst[a] ? t.param[a] : savedCell[a] >= 0 ? cells[savedCell[a]] : poison;
    }
}
