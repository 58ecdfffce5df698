/**
 * The numeric machinery behind {@link dev.leibniz.ode.Ode}; not a public API. Flat-array
 * kernels over a compiled right-hand side ({@link dev.leibniz.ode.internal.Tape} for values and
 * reverse sweeps, ad-forward's {@code ForwardProgram} for tangent sweeps, both behind
 * {@link dev.leibniz.ode.internal.RhsFunction}), the
 * systems the steppers integrate (state, state + sensitivities, adjoint), the steppers
 * ({@link dev.leibniz.ode.internal.ExplicitRungeKutta}, {@link dev.leibniz.ode.internal.Rosenbrock23}),
 * the implicit method's linear algebra ({@link dev.leibniz.ode.internal.ShiftedSolver}: dense LU, or
 * compressed sparse Jacobians with a sparse LU after a reverse Cuthill–McKee ordering),
 * step control ({@link dev.leibniz.ode.internal.PiController},
 * {@link dev.leibniz.ode.internal.ErrorNorm}) and the resumable driver
 * ({@link dev.leibniz.ode.internal.Integrator}). Workspaces are allocated once per solve; the
 * inner loops allocate nothing.
 */
package dev.leibniz.ode.internal;
