package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * A primitive operation of the graph, declared once with everything known about it:
 *
 * <ol>
 *   <li>its <b>evaluation</b> {@code y = f(x₀, …, x_{k-1}; param)};</li>
 *   <li>its <b>local partial derivatives</b> ∂y/∂x_k, twice: numerically (used by the fast
 *       numeric reverse and forward sweeps) and as graph operations on {@link Var}s (used to build
 *       derivative graphs, which can be printed, optimized, evaluated and differentiated again).
 *       Both the JVP rule {@code ẏ = Σ_k ∂y/∂x_k · ẋ_k} and the VJP rule
 *       {@code x̄_k += ȳ · ∂y/∂x_k} follow from these partials, so a scalar primitive states its
 *       calculus exactly once;</li>
 *   <li>which of its inputs and whether its output the reverse rule needs <b>saved</b> from
 *       the forward pass (e.g. {@code exp} keeps its output, {@code sin} its input, {@code add}
 *       nothing);</li>
 *   <li>its <b>element dependency pattern</b> ({@link Dependence}), from which sparsity is
 *       derived.</li>
 * </ol>
 * The contract tests (finite differences for the partials, the dot-product identity for the VJP,
 * saved-value declarations, dependence vs observed dependence) run over {@link Primitives#all()}.
 */
public abstract class Primitive {
    /** How the evaluator dispatches a node: leaves, fixed small arity, or the general array form. */
    public enum Kind { INPUT, CONSTANT, UNARY, BINARY, GENERAL }

    private final String name;
    private final int arity;
    private int code = -1;

    /**
     * @param name  the name printed in listings and accepted by the expression parser
     * @param arity number of arguments, or {@code -1} for a variadic primitive (at least one)
     */
    protected Primitive(String name, int arity) {
        this.name = name;
        this.arity = arity;
    }

    public final String name() {
        return name;
    }

    /** Number of arguments, or {@code -1} when variadic. */
    public final int arity() {
        return arity;
    }

    /**
     * Dense index of this primitive in {@link Primitives#all()}; stored per node in a tape.
     *
     * @throws dev.leibniz.core.GraphException when the primitive is not registered: every back end
     *         reads its tables by this code, so an unregistered primitive is refused when its node is
     *         appended rather than failing later with an index of −1
     */
    public final int code() {
        if (code < 0) {
            Primitives.all(); // registers every primitive on first use
            if (code < 0) {
                throw new dev.leibniz.core.GraphException("primitive '" + name + "' is not registered in Primitives; "
                        + "declare it in dev.leibniz.core.prim and list it in Primitives, the table every back end reads");
            }
        }
        return code;
    }

    final void assignCode(int c) {
        if (code != -1) {
            throw new IllegalStateException("primitive " + name + " registered twice");
        }
        code = c;
    }

    public abstract Kind kind();

    /** True when the node carries a number of its own (a constant's value, an integer exponent). */
    public boolean hasParam() {
        return false;
    }

    /** True when {@code f(a, b) = f(b, a)}; common subexpression elimination sorts such operands. */
    public boolean isCommutative() {
        return false;
    }

    /**
     * True when the value depends on the {@link Subgradients} policy (the step functions that
     * derivative graphs use at kinks). Such nodes are never constant-folded, because the policy
     * is chosen per evaluation.
     */
    public boolean usesPolicy() {
        return false;
    }

    /** Evaluates {@code f(x; param)}. {@code x} holds exactly {@code arity} values (or more for variadic). */
    public abstract double apply(double[] x, int n, double param, Subgradients policy);

    /** Numeric ∂y/∂x_k at the point {@code x} where the output is {@code y}. */
    public abstract double partial(int k, double[] x, int n, double y, double param, Subgradients policy);

    /**
     * Symbolic ∂y/∂x_k, built with graph operations on the given variables (which live in the
     * graph being built). Returns {@code null} when the partial is identically zero, so that
     * engines add nothing rather than a zero.
     */
    public abstract Var partial(int k, Var[] x, Var y, double param);

    /** Whether the reverse rule reads input {@code k}, so the forward pass must keep it. */
    public abstract boolean savesInput(int k);

    /** Whether the reverse rule reads the output, so the forward pass must keep it. */
    public abstract boolean savesOutput();

    /** How the output depends on input {@code k}; see {@link Dependence}. */
    public Dependence dependence(int k) {
        return Dependence.NONLINEAR;
    }

    /**
     * Whether y depends on argument k <em>near the point</em> {@code x} (local sparsity): the
     * global {@link #dependence(int)} minus the branches the point does not take — the operand a
     * {@code select} does not pick, {@code relu} left of its kink, the loser of {@code max}/{@code
     * min}. Structural, not numerical: a partial that merely happens to be 0 at the point keeps
     * its dependence, and at a kink or a tie (or NaN) the dependence is kept because a subgradient
     * policy may weight it. The result holds in a neighbourhood where no branch flips, so a local
     * pattern can be colored once and reused. Default: the global dependence.
     */
    public boolean dependsLocally(int k, double[] x, int n, double param) {
        return dependence(k) != Dependence.NONE;
    }

    /**
     * Whether ∂²y/∂x_j∂x_k can be nonzero for {@code j != k} (for Hessian sparsity). By default
     * true when both inputs enter nonlinearly; bilinear primitives such as {@code mul} override.
     */
    public boolean interacts(int j, int k) {
        return dependence(j) == Dependence.NONLINEAR && dependence(k) == Dependence.NONLINEAR;
    }

    /**
     * The partial ∂y/∂x_k when it is the same constant everywhere (add: 1 and 1, sub: 1 and −1,
     * neg: −1), else NaN. A fact of the declaration that back ends use to write
     * {@code g[a] += g[i]} instead of a multiplication; it must equal what
     * {@link #partial(int, double[], int, double, double, Subgradients)} returns.
     */
    public double constantPartial(int k) {
        return Double.NaN;
    }

    /**
     * A primitive that computes, bit for bit, what this one computes when its scalar argument
     * {@code k} is the constant {@code value} — a cheaper one, for graph rewriting — or null (the
     * default: none). {@code mulz} by a finite nonzero constant is {@code mul}, since its strong
     * zero fires only when a factor is 0 and the other non-finite.
     */
    public Primitive sameBitsWithConstant(int k, double value) {
        return null;
    }

    /** Formats the node's parameter for the listing; only called when {@link #hasParam()}. */
    public String formatParam(double param) {
        return Double.toString(param);
    }

    /** Checks the number of arguments, naming the primitive in the error. */
    public final void checkArity(int n) {
        if (arity >= 0 ? n != arity : n < 1) {
            throw new dev.leibniz.core.GraphException("primitive '" + name + "' takes "
                    + (arity >= 0 ? arity + " argument" + (arity == 1 ? "" : "s") : "at least 1 argument")
                    + ", got " + n);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Checks the node's parameter when a node with {@code n} arguments is built, so that a bad
     * parameter fails where it is written rather than as a wrong value later (an integer
     * exponent that is not an integer, a target class that does not exist). Default: any.
     */
    public void checkParam(double param, int n) {
    }
}
