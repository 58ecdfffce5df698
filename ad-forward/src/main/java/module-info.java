/**
 * Forward mode over Leibniz graphs and plain Java code: dual numbers, tangent lanes, JVP graphs,
 * Jacobians, Hessian–vector products and the choice between modes. One exported package
 * ({@code docs/architecture.md}, "Module surface"); its helpers (the lane kernels, the dual
 * numbers' loops) are package-private.
 */
module dev.leibniz.forward {
    requires transitive dev.leibniz.core;
    // Dual is a Hipparchus CalculusFieldElement, DualField a Hipparchus Field
    requires transitive hipparchus.core;

    exports dev.leibniz.forward;
}
