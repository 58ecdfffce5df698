package dev.leibniz.core.memory;

import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Primitive;

/**
 * What one gradient evaluation cost in stored forward values and in forward work.
 *
 * <p>Only forward values are counted (the doubles kept between or during the sweeps). The
 * adjoint array and the program itself (op codes, arguments, constants) are the same for every
 * strategy and are not counted.
 *
 * @param strategy         {@code "store all"}, {@code "saved values only"} or {@code "checkpointed"}
 * @param peakStoredValues largest number of forward values held at once
 * @param forwardOps       operations evaluated by the forward pass
 * @param recomputedOps    operations evaluated again during the backward pass
 * @param segments         number of segments (1 when nothing is recomputed)
 */
public record MemoryReport(String strategy, long peakStoredValues, long forwardOps, long recomputedOps,
                           int segments) {
    /**
     * The cost of {@link dev.leibniz.core.Program#gradient}: it keeps the value of every node of
     * the graph (constants and dead nodes included) and evaluates every operation once.
     */
    public static MemoryReport storeAll(Graph g) {
        long ops = 0;
        for (int i = 0; i < g.size(); i++) {
            Primitive.Kind k = g.primitive(i).kind();
            if (k != Primitive.Kind.INPUT && k != Primitive.Kind.CONSTANT) {
                ops++;
            }
        }
        return new MemoryReport("store all", g.size(), ops, 0, 1);
    }

    @Override
    public String toString() {
        return strategy + (segments > 1 ? " (" + segments + " segments)" : "") + ": peak " + peakStoredValues
                + " stored values, " + forwardOps + " forward operations, " + recomputedOps + " recomputed";
    }
}
