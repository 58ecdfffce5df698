package dev.leibniz.cli;

/** A result the command computed is unusable (for example not finite); exit status 1. */
final class ComputationFailedException extends RuntimeException {
    ComputationFailedException(String message) {
        super(message);
    }
}
