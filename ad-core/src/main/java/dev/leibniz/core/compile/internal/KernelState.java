package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;

/**
 * The mutable state a compiled graph's generated kernels read and write: the node arrays, the
 * caller's input and gradient arrays of the call under way, and the flags of that call.
 *
 * <p>It is the state of a {@link dev.leibniz.core.compile.CompiledGraph.Workspace}, kept apart
 * from it because the generated kernels live in this package (they are defined with a lookup of
 * {@link KernelWriter}) and read these fields directly with {@code GETFIELD}: public fields of a
 * class in a package the module does not export are open to the kernels and to
 * {@code CompiledGraph}, and to nothing outside {@code dev.leibniz.core}. The API class keeps no
 * field a user could reach.
 */
public final class KernelState {
    /** The compiled graph. */
    public final Graph graph;
    /** One value per node. */
    public final double[] values;
    /** One adjoint per node (null for a forward sweep alone). */
    public final double[] adjoints;
    /** Arguments of a variadic node, gathered ({@link Calls}); as long as the graph's largest arity. */
    public final double[] scratch;
    /** The caller's inputs, read directly by the sweeps during a call, else null. */
    public double[] inputs;
    /** The caller's gradient, to which the reverse sweep adds the input adjoints, else null. */
    public double[] gradient;
    /** The subgradient policy at kinks. */
    public Subgradients policy;
    /**
     * False when {@code adjoints} is known to be all zero: a completed gradient leaves it so
     * (the reverse sweep clears each adjoint it has used, {@code valueAndGradient} the rest),
     * and the next one then need not clear the whole array.
     */
    public boolean dirty;
    /**
     * 0 when the reverse sweep may take {@link GuardedCopy guarded copies}, NaN when it may not
     * (a seed is −0.0, which only the exact sweep leaves as it is); read by the generated code.
     */
    public double zeroGuard = Double.NaN;
    /**
     * True during {@code valueAndGradient}: the forward sweep skips a {@link FusedReduction}'s
     * loop, which the reverse sweep runs (and stores its value), and stores the values the reverse
     * sweep loads instead of recomputing ({@link CopyLocals#saved}).
     */
    public boolean fuse;

    /** State over the caller's node arrays, with a scratch array of {@code maxArity} doubles. */
    public KernelState(Graph graph, double[] values, double[] adjoints, int maxArity, Subgradients policy) {
        this.graph = graph;
        this.values = values;
        this.adjoints = adjoints;
        this.scratch = new double[maxArity];
        this.policy = policy;
    }
}
