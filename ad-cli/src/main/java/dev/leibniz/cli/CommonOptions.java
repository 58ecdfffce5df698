package dev.leibniz.cli;

import picocli.CommandLine.Option;

/** Options every command shares. */
final class CommonOptions {
    @Option(names = "--json", description = "Print exactly one JSON document on standard output and nothing else there.")
    boolean json;

    @Option(names = "--debug", description = "Print the stack trace of an error (for reporting bugs).")
    boolean debug;

    @Option(names = "--progress", description = "Show progress on standard error even when it is not a terminal.")
    boolean progress;
}
