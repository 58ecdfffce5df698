package dev.leibniz.core.compile.internal;

/**
 * The base class of generated code. One generated subclass holds the forward and reverse
 * sweeps of a contiguous range of nodes; a large graph has several, run one after the other
 * (forward in node order, backward in reverse). {@link dev.leibniz.core.compile.GraphCompiler} explains the layout.
 */
public abstract class Kernel {
    /** {@code values[i] = f_i(values of its arguments)} for the kernel's nodes, in node order. */
    public abstract void forward(KernelState w);

    /**
     * The forward sweep of a gradient: like {@link #forward}, but the values of nodes local to a
     * loop copy ({@link CopyLocals}) are not stored; {@link #backward} recomputes them.
     */
    public abstract void forwardLean(KernelState w);

    /** {@code adjoints[arg] += adjoints[i] · ∂f_i/∂arg} for the kernel's nodes, in reverse node order. */
    public abstract void backward(KernelState w);
}
