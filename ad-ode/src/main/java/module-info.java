/**
 * ODE solvers and their sensitivities: explicit Runge–Kutta, Rosenbrock and RADAU5 methods,
 * events, forward sensitivities and the continuous and discrete adjoints, over Leibniz graphs.
 * The API package and the stiff test set are exported ({@code docs/architecture.md}, "Module
 * surface"); the integrators, linear algebra and right-hand-side tapes in
 * {@code dev.leibniz.ode.internal} are not exported at all.
 */
module dev.leibniz.ode {
    requires transitive dev.leibniz.sparse;
    requires ejml.dsparse;

    exports dev.leibniz.ode;
    exports dev.leibniz.ode.testset;
}
