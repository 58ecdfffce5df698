package dev.leibniz.models.batch;

/**
 * A kind of {@link BatchEngine} found at run time through {@link java.util.ServiceLoader}, so that
 * the command line can offer engines (Spark, in module leibniz-spark) that {@code models} does
 * not depend on. An implementation must not touch its engine's libraries before {@link #open},
 * so that listing providers works without them.
 */
public interface BatchEngineProvider {
    /** The engine's name for {@code --engine} (lower case). */
    String name();

    /**
     * Starts an engine. {@code master} is the engine's own address ({@code local[4]},
     * {@code spark://host:7077}), or null for its default.
     */
    BatchEngine open(String master);
}
