/**
 * Sparse derivatives: sparsity patterns from the reachability structure of a graph, coloring,
 * and compressed Jacobians and Hessians.
 *
 * <pre>
 *   Graph f = Brusselator2D.graph(32);                    // 2048 states
 *   SparsityPattern p = SparsityDetector.jacobian(f);      // 12,288 nonzeros, ~1 ms
 *   Coloring c = GreedyColoring.best(p, Direction.COLUMNS); // 11 colors (lower bound 6)
 *   SparseJacobian jac = SparseJacobian.prepare(f);        // detect + color once
 *   DMatrixSparseCSC J = jac.evaluate(x);                  // 11 JVP lanes instead of 2048
 *   SpyPlot.write(p, Path.of("brusselator.png"), c);
 * </pre>
 *
 * <ul>
 *   <li>{@link dev.leibniz.sparse.SparsityDetector}: global and local Jacobian patterns,
 *       Hessian patterns ({@link dev.leibniz.sparse.SparsityPattern}, CSR of primitive ints).</li>
 *   <li>{@link dev.leibniz.sparse.GreedyColoring}: partial distance-2 column or row coloring
 *       under four {@link dev.leibniz.sparse.Ordering}s; {@link dev.leibniz.sparse.StarColoring}
 *       for symmetric Hessians. Each {@link dev.leibniz.sparse.Coloring} carries a lower bound.</li>
 *   <li>{@link dev.leibniz.sparse.SparseJacobian} and {@link dev.leibniz.sparse.SparseHessian}:
 *       prepared evaluators returning EJML {@code DMatrixSparseCSC}, exact (compressed equals
 *       dense bitwise for Jacobians).</li>
 *   <li>{@link dev.leibniz.sparse.SpyPlot}: PNG pictures of patterns, optionally by color class.</li>
 *   <li>{@code dev.leibniz.sparse.examples}: the 2-D Brusselator fixture used by tests and benchmarks.</li>
 * </ul>
 */
package dev.leibniz.sparse;
