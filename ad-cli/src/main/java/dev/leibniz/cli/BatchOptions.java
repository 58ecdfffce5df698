package dev.leibniz.cli;

import picocli.CommandLine.Option;

/** Where and how a batch of fits runs: options shared by fit --starts, fit-groups, profile and bootstrap. */
final class BatchOptions {
    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "local: a thread pool in this JVM (default); spark: Apache Spark (embedded with --master local[N],"
                    + " or the cluster spark-submit configured).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "local: local[N] threads (default: every core); spark: the Spark master, e.g. local[4] or"
                    + " spark://host:7077 (default: local[*], or what spark-submit set).")
    String master;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the random choices (Latin hypercube starts, bootstrap draws). Default: ${DEFAULT-VALUE}.")
    long seed;
}
