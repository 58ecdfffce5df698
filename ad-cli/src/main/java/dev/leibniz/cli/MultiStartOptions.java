package dev.leibniz.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fit --starts N}: the options that turn one fit into a multi-start batch. */
final class MultiStartOptions {
    @Option(names = "--starts", paramLabel = "N",
            description = "Fit from N start points spread over the parameters' ranges and report the best"
                    + " (writes starts.csv and waterfall.png).")
    Integer starts;

    @Option(names = "--design", paramLabel = "sobol|lhs", defaultValue = "sobol",
            description = "How --starts are spread: sobol (a low-discrepancy sequence) or lhs (Latin hypercube, uses --seed)."
                    + " Default: ${DEFAULT-VALUE}.")
    String design;

    @Mixin
    BatchOptions batch;

    /** Whether a multi-start batch was asked for. */
    boolean requested() {
        return starts != null;
    }
}
