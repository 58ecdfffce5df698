package dev.leibniz.core.compile;

/**
 * A run of consecutive nodes that the code generator emits as one unit: either a single node
 * ({@code count == 1}), emitted as straight-line code with constant array indices, or a
 * <em>repeat</em>: a template of {@code period} nodes executed {@code count} times, emitted as a
 * loop over a copy counter {@code k}.
 *
 * <p>In copy {@code k} of a repeat, template node {@code j} is node
 * {@code start + j + k·period}; its argument {@code a} is node {@code arg(start + j, a) + k·argStride},
 * and an input node reads input position {@code param(start + j) + k·paramStride[j]}. Example: the
 * extended Rosenbrock sum {@code f += 100·(x[2i+1] − x[2i]²)² + (1 − x[2i])²} traces into a
 * repeat of period 8 whose arguments move by 2 (the inputs), by 8 (nodes of the previous copy, such
 * as the running sum) or by 0 (the shared constants 100 and 1).
 *
 * @param argStride   per template argument, in the order of the arguments of the template
 *                    nodes ({@code argStride[argStart[start + j] − argStart[start] + a]});
 *                    {@code null} for a single node
 * @param paramStride per template node, the step of an input node's input position; {@code null}
 *                    for a single node
 */
record Block(int start, int period, int count, int[] argStride, int[] paramStride) {

    /** A single node, emitted as straight-line code. */
    static Block single(int node) {
        return new Block(node, 1, 1, null, null);
    }

    boolean isRepeat() {
        return count > 1;
    }

    /** Number of graph nodes the block covers. */
    int nodes() {
        return period * count;
    }
}
