package dev.leibniz.core.contract;

/** The part of an {@link Outcome} that disagreed with the {@link Oracle}. */
public enum Check {
    /** The output value. */
    VALUE,
    /** The vector–Jacobian product for the case's cotangent. */
    VJP,
    /** The Jacobian–vector product for the case's tangent. */
    JVP,
    /** Absent versus present (possibly zero) gradients. */
    PRESENCE,
    /** Gradient entries from a reverse sweep seeded with 1. */
    JACOBIAN_ROW,
    /** Jacobian entries from forward sweeps seeded with unit tangents. */
    JACOBIAN_COLUMNS,
    /** A sparsity pattern missing an observed nonzero derivative. */
    PATTERN,
    /** The dot-product identity ⟨J·u, v⟩ = ⟨u, vᵀJ⟩ between the back end's product and the reference's. */
    IDENTITY,
    /** A scalar-only back end given a matrix graph did not throw a ShapeException naming a shape. */
    SHAPE,
    /** An anomaly was reported where every value and adjoint is finite. */
    ANOMALY,
    /** The back end threw where it should have given numbers. */
    ERROR
}
