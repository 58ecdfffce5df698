/**
 * Standard test problems with published reference solutions: the stiff problems of the Bari Test
 * Set for IVP Solvers ({@link dev.leibniz.ode.testset.StiffTestSet}), used by ad-ode's accuracy
 * tests and by the benchmarks module's timings, and available to users comparing methods.
 */
package dev.leibniz.ode.testset;
