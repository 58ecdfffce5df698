package dev.leibniz.forward;

/** The two ways to accumulate derivatives through a graph. */
public enum Mode {
    /** Tangents from inputs to outputs: one sweep per input direction (Jacobian by columns). */
    FORWARD,
    /** Adjoints from outputs to inputs: one sweep per output (Jacobian by rows). */
    REVERSE;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
