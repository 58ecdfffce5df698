/**
 * Forward mode: "if I nudge this input, how does every output move?"
 *
 * <table>
 *   <caption>What to use</caption>
 *   <tr><th>you have</th><th>use</th></tr>
 *   <tr><td>plain Java code, one direction</td><td>{@link dev.leibniz.forward.Dual} (also runs inside
 *       Hipparchus' field ODE integrators and linear algebra)</td></tr>
 *   <tr><td>plain Java code, k directions at once</td><td>{@link dev.leibniz.forward.DualVector} with
 *       {@link dev.leibniz.forward.DualVectorOps} (no allocation per operation)</td></tr>
 *   <tr><td>a graph, numeric JVPs</td><td>{@link dev.leibniz.forward.ForwardProgram} with k lanes and a
 *       reusable {@link dev.leibniz.forward.TangentLanes} workspace</td></tr>
 *   <tr><td>a graph (scalar or matrix), the JVP as a graph</td><td>{@link dev.leibniz.forward.JvpGraph}
 *       (ad-core's {@link dev.leibniz.core.ForwardMode#jvpGraph})</td></tr>
 *   <tr><td>a full Jacobian</td><td>{@link dev.leibniz.forward.Jacobians#jacobianForward} (by columns) or
 *       {@link dev.leibniz.forward.Jacobians#jacobianReverse} (by rows)</td></tr>
 *   <tr><td>second derivatives</td><td>{@link dev.leibniz.forward.HessianProgram} (forward-over-reverse
 *       Hessian–vector products, full Hessians for small n)</td></tr>
 *   <tr><td>a choice between modes</td><td>{@link dev.leibniz.forward.ModeCost} (counts and measures both)</td></tr>
 * </table>
 *
 * <p>Every form uses ad-core's primitives and their partial derivatives, with the kink policy
 * of {@link dev.leibniz.core.Subgradients}, so forward and reverse mode pick the same
 * subgradient at relu(0), |0| and ties of max/min.
 */
package dev.leibniz.forward;
