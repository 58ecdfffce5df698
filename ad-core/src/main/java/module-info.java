/**
 * Leibniz's core: graphs ({@code Graph}, {@code Var}, {@code GraphBuilder}), reverse and forward
 * mode, the one rule table of primitives, the bytecode compiler, graph passes, memory-planned
 * gradients, expressions and gradient-based optimizers.
 *
 * <p>Exported without qualification: the packages a user program or a new primitive needs (the
 * table in {@code docs/architecture.md}, "Module surface", lists them; {@code ModuleSurfaceTest}
 * checks that the two agree). {@code dev.leibniz.core.internal} holds helpers other Leibniz
 * modules share; it is exported only to them. {@code dev.leibniz.core.compile.internal} (the
 * interpreter, tape sweeps and lifted loops that {@code dev.leibniz.core} generates, and the
 * compiler's code writers behind {@code GraphCompiler}) is not exported at all: its public members
 * are for {@code dev.leibniz.core} and {@code dev.leibniz.core.compile} alone. Other implementation
 * classes (the tensor engine) stay package-private in their packages: package-private is already
 * invisible to every other module.
 */
module dev.leibniz.core {
    // Var, Gradient and Recorder take and return EJML's DMatrixRMaj
    requires transitive ejml.core;
    requires ejml.ddense;
    requires org.objectweb.asm;

    exports dev.leibniz.core;
    exports dev.leibniz.core.compile;
    exports dev.leibniz.core.examples;
    exports dev.leibniz.core.expr;
    exports dev.leibniz.core.memory;
    exports dev.leibniz.core.optim;
    exports dev.leibniz.core.passes;
    exports dev.leibniz.core.prim;

    exports dev.leibniz.core.internal to dev.leibniz.forward, dev.leibniz.sparse, dev.leibniz.ode, dev.leibniz.models;
}
