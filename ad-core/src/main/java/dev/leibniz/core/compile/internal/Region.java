package dev.leibniz.core.compile.internal;

/**
 * A run of consecutive nodes that the code generator emits as one unit: a {@link Block} (a
 * single node or a repeat, emitted inline) or a {@link Nest} (a repeated sequence of blocks,
 * emitted as an outer loop over methods).
 */
public sealed interface Region permits Block, Nest {
    /** Number of graph nodes covered. */
    int nodes();
}
