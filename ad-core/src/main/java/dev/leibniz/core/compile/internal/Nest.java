package dev.leibniz.core.compile.internal;

import java.util.List;

/**
 * A repeated sequence of blocks: the {@code body} blocks, in node order, executed {@code count}
 * times, copy {@code r} moved by {@code r·nodeStride} nodes (and by each block's outer strides,
 * see {@link Block}). A traced double loop gives one: the rows of a grid whose interior points
 * form a repeat and whose boundary points (with wrapped-around neighbours) are single nodes, or
 * the rows of a matrix–vector product.
 *
 * <p>Why: without it each row is a separate loop in a separate piece of code, run once per
 * evaluation, and the JIT compiles a method only after it has run a few thousand times — so a
 * large grid would run in the JVM's bytecode interpreter for thousands of evaluations. As a nest,
 * the rows share the same methods, called once per row.
 */
public record Nest(List<Block> body, int count, int nodeStride) implements Region {
    @Override
    public int nodes() {
        return count * nodeStride;
    }
}
