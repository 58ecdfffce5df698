package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.LimitExceededException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A small graph's vector–Jacobian product by one generated method with every adjoint in a JVM
 * local: given the node values of a forward sweep and the output cotangents c,
 * <pre>
 *   double g9 = 0.0 + c[0];  double g7 = 0.0, g3 = 0.0, …;          (seeds, in output order)
 *   if (g9 != 0) { g7 = g7 + g9·∂f9/∂x7; g3 = g3 + g9·∂f9/∂x3; }    (nodes in reverse order)
 *   …  inputAdjoints[0] = g3;  …
 * </pre>
 * The kernels' reverse sweep ({@link ReverseWriter}) keeps every adjoint in the node array, clears
 * it as it goes, and is reached through a per-call state and copies of the inputs; a caller
 * pulling hundreds of cotangents back through a small right-hand side (an ODE's discrete adjoint,
 * one VJP per Runge–Kutta stage) pays more for that than for the arithmetic.
 *
 * <p>The same bits as the kernels and the interpreter: nodes in reverse order (the order in
 * which they, too, visit them), each node with an adjoint that is not exactly zero sending to its
 * arguments through {@link RuleEmitter#accumulateAll} — the primitive's own declared partials,
 * with the {@link dev.leibniz.core.prim.Flow} contract — every adjoint starting at +0.0 and
 * summing its terms in that order. Nodes that depend on no input send nothing (their adjoints
 * reach no input). Only scalar graphs of one- and two-argument primitives whose method stays
 * within {@value StraightLine#MAX_BYTES} bytes get one (about 60 bytes per node); {@link #of}
 * gives null for the others (as {@link StraightLine#of} decides it).
 */
public abstract class StraightLineReverse implements Opcodes {
    private static final String NAME = Type.getInternalName(StraightLineReverse.class) + "Generated";
    private static final String DESC = "([D[DI[D" + Type.getDescriptor(Subgradients.class) + ")V";
    private static final int VALUES = 1;
    private static final int COTANGENTS = 2;
    private static final int OFFSET = 3;
    private static final int INPUT_ADJOINTS = 4;
    private static final int POLICY = 5;
    /** g[i] of the node being swept (two slots). */
    private static final int ADJOINT = 6;
    private static final int FIRST = 8;

    /**
     * {@code inputAdjoints[k]} = Σ_j {@code cotangents[offset + j]}·∂f_j/∂x_k at the point whose
     * node values {@code values} holds (every node's, as a full forward sweep leaves them).
     */
    public abstract void reverse(double[] values, double[] cotangents, int offset, double[] inputAdjoints,
                                 Subgradients policy);

    /** The generated reverse sweep of {@code g}, or null when {@code g} is not a small scalar graph (see the class comment). */
    public static StraightLineReverse of(Graph g) {
        int n = g.size();
        if (2L * n + FIRST > 65_000 || n > StraightLine.MAX_BYTES) {
            return null;
        }
        boolean[] depends = new boolean[n];
        for (int i = 0; i < n; i++) {
            Primitive p = g.primitive(i);
            if (!g.shape(i).isScalar()) {
                return null;
            }
            depends[i] = p.kind() == Primitive.Kind.INPUT;
            for (int k = 0; k < g.arity(i); k++) {
                depends[i] |= depends[g.arg(i, k)];
            }
            if (depends[i] && p.kind() != Primitive.Kind.INPUT && !RuleEmitter.handles(p)) {
                return null;
            }
        }
        int swept = 0;
        for (int i = 0; i < n; i++) {
            swept += depends[i] && g.primitive(i).kind() != Primitive.Kind.INPUT ? 1 : 0;
        }
        if ((long) swept * MIN_NODE_BYTES > StraightLine.MAX_BYTES) {
            return null;                        // surely too long: not worth writing
        }
        try {
            return write(g, depends);
        } catch (LimitExceededException tooComplex) {
            return null;                        // ASM's frame computation gave up: the kernels serve
        }
    }

    /** Fewest bytes of code a swept node takes (its zero test and one addition to an argument's adjoint). */
    static final int MIN_NODE_BYTES = 16;

    private static StraightLineReverse write(Graph g, boolean[] depends) {
        int n = g.size();
        ClassWriter cw = GeneratedClasses.subclass(NAME, Type.getInternalName(StraightLineReverse.class));
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "reverse", DESC, null, null);
        mv.visitCode();
        for (int i = 0; i < n; i++) {
            if (depends[i]) {                   // every adjoint starts at +0, as the arrays do
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, slot(i));
            }
        }
        for (int j = 0; j < g.outputCount(); j++) {
            int o = g.outputNode(j);
            if (depends[o]) {                   // g[out] += c[j], as the callers seed the arrays
                mv.visitVarInsn(DLOAD, slot(o));
                mv.visitVarInsn(ALOAD, COTANGENTS);
                mv.visitVarInsn(ILOAD, OFFSET);
                RuleEmitter.pushInt(mv, j);
                mv.visitInsn(IADD);
                mv.visitInsn(DALOAD);
                mv.visitInsn(DADD);
                mv.visitVarInsn(DSTORE, slot(o));
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            Primitive p = g.primitive(i);
            if (!depends[i] || p.kind() == Primitive.Kind.INPUT) {
                continue;
            }
            Label skip = new Label();
            mv.visitVarInsn(DLOAD, slot(i));
            mv.visitInsn(DUP2);
            mv.visitVarInsn(DSTORE, ADJOINT);
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFEQ, skip);
            int node = i;
            RuleEmitter.accumulateAll(mv, p, access(mv, g, node), k -> depends[g.arg(node, k)]);
            mv.visitLabel(skip);
        }
        for (int k = 0; k < g.inputCount(); k++) {
            mv.visitVarInsn(ALOAD, INPUT_ADJOINTS);
            RuleEmitter.pushInt(mv, k);
            mv.visitVarInsn(DLOAD, slot(g.inputNode(k)));
            mv.visitInsn(DASTORE);
        }
        mv.visitInsn(RETURN);
        Label end = new Label();
        mv.visitLabel(end);
        int bytes = end.getOffset();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        if (bytes > StraightLine.MAX_BYTES) {
            return null;
        }
        return GeneratedClasses.instantiate(cw.toByteArray(), StraightLineReverse.class,
                "the generated straight-line reverse sweep is invalid");
    }

    private static int slot(int node) {
        return FIRST + 2 * node;
    }

    /** Pushes node {@code i}'s value from the node array (a constant's own number). */
    private static void loadValue(MethodVisitor mv, Graph g, int i) {
        if (g.primitive(i).kind() == Primitive.Kind.CONSTANT) {
            RuleEmitter.pushDouble(mv, g.param(i));
        } else {
            mv.visitVarInsn(ALOAD, VALUES);
            RuleEmitter.pushInt(mv, i);
            mv.visitInsn(DALOAD);
        }
    }

    /** The operands of node {@code i} for {@link RuleEmitter#accumulateAll}: values from the array, adjoints in locals. */
    private static RuleEmitter.NodeAccess access(MethodVisitor mv, Graph g, int i) {
        return new RuleEmitter.NodeAccess() {
            @Override
            public void loadArg(int k) {
                loadValue(mv, g, g.arg(i, k));
            }

            @Override
            public void loadOwn() {
                loadValue(mv, g, i);
            }

            @Override
            public void loadParam() {
                RuleEmitter.pushDouble(mv, g.param(i));
            }

            @Override
            public void loadPolicy() {
                mv.visitVarInsn(ALOAD, POLICY);
            }

            @Override
            public void loadAdjoint() {
                mv.visitVarInsn(DLOAD, ADJOINT);
            }

            @Override
            public void pushAdjointSlot(int k) {
                throw new IllegalStateException("adjoints live in locals here");
            }

            @Override
            public void loadArgAdjoint(MethodVisitor m, int k) {
                m.visitVarInsn(DLOAD, slot(g.arg(i, k)));
            }

            @Override
            public void storeArgAdjoint(MethodVisitor m, int k) {
                m.visitVarInsn(DSTORE, slot(g.arg(i, k)));
            }
        };
    }
}
