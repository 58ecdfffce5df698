package dev.leibniz.sparse;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.TangentLanes;
import java.util.Arrays;

/**
 * Compressed forward mode: the product J·S for the seed matrix S of a column coloring
 * (S_jc = 1 when input j has color c), computed by ad-forward's {@link ForwardProgram} with one
 * tangent lane per color, at most {@link SparseJacobian#LANE_BLOCK} lanes per sweep, and
 * scattered into the nonzeros of the result. The program, its workspace and the seed array are
 * made once and reused at every point; a program is re-prepared only when the evaluation
 * options change.
 */
final class ForwardLanes {
    private final Graph graph;
    private final int[] inputColor;
    private final int colors;
    private final int k;
    private final double[] seeds;
    private ForwardProgram program;
    private TangentLanes ws;

    ForwardLanes(Graph g, int[] inputColor, int colors) {
        this.graph = g;
        this.inputColor = inputColor;
        this.colors = colors;
        this.k = Math.max(1, Math.min(colors, SparseJacobian.LANE_BLOCK));
        this.seeds = new double[g.inputCount() * k];
        prepare(EvalOptions.DEFAULT);
    }

    private void prepare(EvalOptions options) {
        program = ForwardProgram.prepare(graph, k, options);
        ws = program.newWorkspace();
    }

    /** Values at x, then ⌈colors / k⌉ tangent sweeps, each scattered by {@code d} into {@code nz}. */
    void evaluate(EvalOptions options, double[] x, Decompression d, double[] nz) {
        if (!program.options().equals(options)) {
            prepare(options);
        }
        program.values(x, ws);
        int n = inputColor.length;
        for (int first = 0; first < colors; first += k) {
            Arrays.fill(seeds, 0.0);
            for (int j = 0; j < n; j++) {
                int l = inputColor[j] - first;
                if (l >= 0 && l < k) {
                    seeds[j * k + l] = 1.0;
                }
            }
            program.tangents(seeds, ws);
            d.scatter(ws, first, k, nz);
        }
    }

    /** Output r's value at the last point. */
    double outputValue(int r) {
        return program.outputValue(ws, r);
    }
}
