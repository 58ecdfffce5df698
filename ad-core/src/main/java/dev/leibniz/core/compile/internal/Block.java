package dev.leibniz.core.compile.internal;

/**
 * A run of consecutive nodes emitted as one unit: either a single node ({@code count == 1}),
 * emitted as straight-line code with constant array indices, or a <em>repeat</em>: a template
 * of {@code period} nodes executed {@code count} times, emitted as a loop over a copy counter
 * {@code k}.
 *
 * <p>In copy {@code k} of a repeat, template node {@code j} is node {@code start + j + k·period};
 * its argument {@code a} is node {@code arg(start + j, a) + k·argStride}, and an input node reads
 * input position {@code param(start + j) + k·paramStride[j]}. Example: the extended Rosenbrock sum
 * {@code f += 100·(x[2i+1] − x[2i]²)² + (1 − x[2i])²} traces into a repeat of period 8 whose
 * arguments move by 2 (the inputs), by 8 (nodes of the previous copy, such as the running sum) or
 * by 0 (the shared constants 100 and 1).
 *
 * <p>A block inside a {@link Nest} moves again in each copy {@code r} of the nest: by
 * {@code r·nodeStride} for its nodes, {@code r·outerArgStride} for its arguments and
 * {@code r·outerParamStride} for its input positions.
 *
 * @param argStride        per template argument, in the order of the arguments of the template
 *                         nodes ({@code argStride[argStart[start + j] − argStart[start] + a]});
 *                         {@code null} for a single node
 * @param paramStride      per template node, the step of an input node's input position;
 *                         {@code null} for a single node
 * @param outerArgStride   like {@code argStride}, per copy of the enclosing nest; {@code null}
 *                         outside a nest
 * @param outerParamStride like {@code paramStride}, per copy of the enclosing nest; {@code null}
 *                         outside a nest
 */
public record Block(int start, int period, int count, int[] argStride, int[] paramStride,
             int[] outerArgStride, int[] outerParamStride) implements Region {

    /** A single node, emitted as straight-line code. */
    static Block single(int node) {
        return new Block(node, 1, 1, null, null, null, null);
    }

    /** A repeat outside any nest. */
    static Block repeat(int start, int period, int count, int[] argStride, int[] paramStride) {
        return new Block(start, period, count, argStride, paramStride, null, null);
    }

    /** This block as the body of a nest whose copies move it by the given strides. */
    Block inNest(int[] outerArgStride, int[] outerParamStride) {
        return new Block(start, period, count, argStride, paramStride, outerArgStride, outerParamStride);
    }

    /**
     * Whether the block is emitted as a loop over its copies: a repeat, or a straight block (one
     * copy of a template of several nodes, {@link NestFinder#straight}), whose private values stay
     * in registers as a repeat's do. Only a single node is emitted on its own.
     */
    public boolean isRepeat() {
        return count > 1 || period > 1;
    }

    @Override
    public int nodes() {
        return period * count;
    }
}
