package dev.leibniz.core.internal;

import dev.leibniz.core.Graph;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Graph}'s compact tape as its four arrays — op codes, argument starts, the argument pool
 * (a node's parameter, when it has one, is its last slot, an index into the constant pool) and
 * the constant pool — for the {@link Sweeps} in this package, which pass them straight to the
 * generated interpreter.
 *
 * <p>The arrays are {@code Graph}'s layout, not its API, so {@code Graph} keeps them
 * package-private and hands a reader of them over here once, from its static initializer (the
 * JDK's "shared secrets" idiom): no public accessor exposes them, and this package is exported
 * only to Leibniz modules. The arrays are shared, not copied; nothing here writes to them.
 *
 * @param op        op code of each node
 * @param argStart  start of each node's slots in {@code argPool}; one entry more than there are nodes
 * @param argPool   argument node indices, and for a node with a parameter its constant-pool index
 * @param constPool parameter values
 */
public record GraphArrays(int[] op, int[] argStart, int[] argPool, double[] constPool) {

    private static volatile Function<Graph, GraphArrays> reader;

    /**
     * Called once, by {@code Graph}'s static initializer.
     *
     * @throws IllegalStateException on a second call
     */
    public static synchronized void install(Function<Graph, GraphArrays> graphReader) {
        if (reader != null) {
            throw new IllegalStateException("Graph's array reader is already installed");
        }
        reader = Objects.requireNonNull(graphReader, "graphReader");
    }

    /** The arrays of {@code graph}; Graph's class is initialized, and its reader installed, before any graph exists. */
    static GraphArrays of(Graph graph) {
        return reader.apply(graph);
    }
}
