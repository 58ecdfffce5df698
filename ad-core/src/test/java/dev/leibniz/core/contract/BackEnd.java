package dev.leibniz.core.contract;

/**
 * One way of running a graph — an interpreter, generated code, a memory-planned or
 * define-by-run reverse sweep, forward lanes, a symbolic derivative graph, a sparse Jacobian, the
 * ODE right-hand side — seen by the primitive contract test ({@link PrimitiveContract}).
 *
 * <p>Implementations live in the test sources of the module that owns the back end and are listed
 * in that module's {@code META-INF/services/dev.leibniz.core.contract.BackEnd} (test resources),
 * so {@link BackEnds#discover()} in a module's test run finds the back ends of that module and of
 * every module it depends on. A new back end is covered by adding one class and one line there;
 * the test itself is not edited.
 *
 * <p>An adapter reaches its back end only through that back end's own API (public, or the test
 * API of its package) and reports what the API gives: values, a vector–Jacobian product for the
 * case's cotangent, a Jacobian–vector product for the case's tangent, presence flags, Jacobian
 * entries or a sparsity pattern — whatever it has ({@link Outcome}). It must not compute a
 * derivative itself.
 */
public interface BackEnd {
    /** A short unique name, used in failure messages and in {@link KnownDivergences}. */
    String name();

    /**
     * Whether this back end runs the case's graph. When it does not (a scalar-only transform
     * given a graph with matrix nodes), {@link #run} must throw the project's
     * {@link dev.leibniz.core.ShapeException} naming a matrix node's shape: the shape contract
     * of the one-rule-table issue ("support matrix nodes or reject them up front").
     */
    boolean supports(Case c);

    /** Runs the case; anything the back end cannot produce is left out of the outcome. */
    Outcome run(Case c);

    /** How close to the reference its numbers must be. */
    Exactness exactness();
}
