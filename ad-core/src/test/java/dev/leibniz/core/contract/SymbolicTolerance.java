package dev.leibniz.core.contract;

/**
 * The tolerance of symbolic derivative graphs against the numeric reference: a few ulps or 1e-12
 * relative (their partials are built from graph operations and summed in another order).
 */
public final class SymbolicTolerance {
    private SymbolicTolerance() {
    }

    public static final Exactness EXACTNESS = Exactness.close(4, 1e-12);
}
