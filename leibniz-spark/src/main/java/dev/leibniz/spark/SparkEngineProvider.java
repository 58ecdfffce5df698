package dev.leibniz.spark;

import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.BatchEngineProvider;

/** {@code --engine spark}: found by {@link java.util.ServiceLoader}; touches Spark only in {@link #open}. */
public final class SparkEngineProvider implements BatchEngineProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public BatchEngine open(String master) {
        return SparkEngine.start(master);
    }
}
