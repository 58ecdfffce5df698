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
 * A small graph's outputs by one generated method that keeps every node value in a JVM local and
 * stores only the outputs:
 * <pre>
 *   double v3 = inputs[1];  double v7 = MUL.apply(v3, 2.5, policy);  …  outputs[0] = v9;
 * </pre>
 * The kernels ({@link KernelWriter}) store every value into the node array, since their reverse
 * sweep and {@code Workspace.value} read them; a caller that wants the outputs alone (an ODE
 * solver evaluating its right-hand side, or the k-lane sensitivity graph of it, hundreds of times
 * per solve) pays for stores nobody reads. Measured on Lotka–Volterra's 6-lane sensitivity graph
 * (103 nodes): 40 ns per evaluation through the kernel, 18 ns for the same operations in locals.
 *
 * <p>Each value is written by {@link RuleEmitter#value}, the call to the primitive's own
 * declaration that the kernels make, so the bits are the kernels' (and the interpreter's). Only
 * scalar graphs of one- and two-argument primitives whose method stays within
 * {@value #MAX_BYTES} bytes of bytecode get one (about 15 bytes per node): one method must stay
 * well under HotSpot's 8000-byte limit for compiling it, and under its inlining budget, since every
 * {@code apply} must be inlined for the values to live in registers. Others: {@link #of} gives null
 * — checked before writing where a lower bound of the size says so, and where ASM's limit on the
 * work of computing stack-map frames (locals × branches) is reached while writing.
 */
public abstract class StraightLine implements Opcodes {
    /** Most bytes of the generated method (the kernels' chunk size, {@link KernelWriter#CHUNK_BYTES}). */
    static final int MAX_BYTES = KernelWriter.CHUNK_BYTES;

    private static final String NAME = Type.getInternalName(StraightLine.class) + "Generated";
    private static final String DESC = "([D[D" + Type.getDescriptor(Subgradients.class) + ")V";
    private static final String PLACED_DESC = "([D[D[D" + Type.getDescriptor(Subgradients.class) + ")V";
    /** Most locals before the node values: this, two input arrays, the outputs and the policy. */
    private static final int FIXED_LOCALS = 5;

    /**
     * {@code outputs[j]} = output j of the graph at {@code inputs} (by input position); the method
     * of an evaluator made by {@link #of(Graph)}.
     */
    public void evaluate(double[] inputs, double[] outputs, Subgradients policy) {
        throw new UnsupportedOperationException("this evaluator reads its inputs in place (of(Graph, int[]))");
    }

    /**
     * {@code outputs[j]} = output j of the graph, input k read where it lies: {@code first[place[k]]}
     * when {@code place[k] >= 0}, else {@code second[-1 - place[k]]}; the method of an evaluator made
     * by {@link #of(Graph, int[])}. The values and their order are those of the one-array method.
     */
    public void evaluate(double[] first, double[] second, double[] outputs, Subgradients policy) {
        throw new UnsupportedOperationException("this evaluator reads its inputs from one array (of(Graph))");
    }

    /** The generated evaluator of {@code g}, or null when {@code g} is not a small scalar graph (see the class comment). */
    public static StraightLine of(Graph g) {
        return of(g, null);
    }

    /**
     * The generated evaluator of {@code g} whose inputs are read in place from two arrays (see
     * {@link #evaluate(double[], double[], double[], Subgradients)}; {@code place} has one entry per
     * input, checked by the caller), or null as {@link #of(Graph)}. A caller whose inputs lie in its
     * own arrays (an ODE's state and sensitivities in u, t and the parameters elsewhere) saves
     * gathering them into one array per call.
     */
    public static StraightLine of(Graph g, int[] place) {
        int n = g.size();
        if (2L * n + FIXED_LOCALS > 65_000 || n > MAX_BYTES) {
            return null;                        // too many locals; or surely too many bytes
        }
        int[] inputAt = new int[n];
        java.util.Arrays.fill(inputAt, -1);
        for (int k = 0; k < g.inputCount(); k++) {
            inputAt[g.inputNode(k)] = k;
        }
        boolean[] needed = new boolean[n];
        for (int j = 0; j < g.outputCount(); j++) {
            needed[g.outputNode(j)] = true;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (!needed[i]) {
                continue;
            }
            Primitive p = g.primitive(i);
            if (!g.shape(i).isScalar() || p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT
                    && !RuleEmitter.handles(p)) {
                return null;
            }
            for (int k = 0; k < g.arity(i); k++) {
                needed[g.arg(i, k)] = true;
            }
        }
        int computed = 0;
        for (int i = 0; i < n; i++) {
            computed += needed[i] && g.primitive(i).kind() != Primitive.Kind.CONSTANT ? 1 : 0;
        }
        if ((long) computed * MIN_NODE_BYTES > MAX_BYTES) {
            return null;                        // surely too long: not worth writing
        }
        try {
            return write(g, needed, inputAt, place);
        } catch (LimitExceededException tooComplex) {
            return null;                        // ASM's frame computation gave up: the kernels serve
        }
    }

    /** Fewest bytes of code a computed node takes (a call to its rule, two loads, a store). */
    static final int MIN_NODE_BYTES = 11;

    private static StraightLine write(Graph g, boolean[] needed, int[] inputAt, int[] place) {
        int n = g.size();
        // locals: this, the input array(s), outputs, policy, then two slots per node value
        Layout at = new Layout(place == null ? 2 : 3);
        ClassWriter cw = GeneratedClasses.subclass(NAME, Type.getInternalName(StraightLine.class));
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "evaluate", place == null ? DESC : PLACED_DESC, null, null);
        mv.visitCode();
        for (int i = 0; i < n; i++) {
            Primitive p = g.primitive(i);
            if (!needed[i] || p.kind() == Primitive.Kind.CONSTANT) {
                continue;                       // a constant is pushed where it is read
            }
            if (p.kind() == Primitive.Kind.INPUT) {
                int k = inputAt[i];
                if (place == null) {
                    mv.visitVarInsn(ALOAD, 1);
                    RuleEmitter.pushInt(mv, k);
                } else {
                    mv.visitVarInsn(ALOAD, place[k] >= 0 ? 1 : 2);
                    RuleEmitter.pushInt(mv, place[k] >= 0 ? place[k] : -1 - place[k]);
                }
                mv.visitInsn(DALOAD);
            } else {
                RuleEmitter.value(mv, p, access(mv, g, i, at));
            }
            mv.visitVarInsn(DSTORE, at.slot(i));
        }
        for (int j = 0; j < g.outputCount(); j++) {
            mv.visitVarInsn(ALOAD, at.outputs);
            RuleEmitter.pushInt(mv, j);
            load(mv, g, g.outputNode(j), at);
            mv.visitInsn(DASTORE);
        }
        mv.visitInsn(RETURN);
        Label end = new Label();
        mv.visitLabel(end);
        int bytes = end.getOffset();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        if (bytes > MAX_BYTES) {
            return null;
        }
        return GeneratedClasses.instantiate(cw.toByteArray(), StraightLine.class,
                "the generated straight-line evaluator is invalid");
    }

    /** Where the generated method keeps its outputs array, its policy and node i's value. */
    private static final class Layout {
        final int outputs;
        final int policy;

        Layout(int outputs) {
            this.outputs = outputs;
            this.policy = outputs + 1;
        }

        int slot(int node) {
            return policy + 1 + 2 * node;
        }
    }

    /** Pushes node {@code i}'s value: its constant, or the local holding it. */
    private static void load(MethodVisitor mv, Graph g, int i, Layout at) {
        if (g.primitive(i).kind() == Primitive.Kind.CONSTANT) {
            RuleEmitter.pushDouble(mv, g.param(i));
        } else {
            mv.visitVarInsn(DLOAD, at.slot(i));
        }
    }

    /** The operands of node {@code i} for {@link RuleEmitter#value}: arguments from locals, the policy parameter. */
    private static RuleEmitter.NodeAccess access(MethodVisitor mv, Graph g, int i, Layout at) {
        return new RuleEmitter.NodeAccess() {
            @Override
            public void loadArg(int k) {
                load(mv, g, g.arg(i, k), at);
            }

            @Override
            public void loadOwn() {
                throw new IllegalStateException("a value does not read itself");
            }

            @Override
            public void loadParam() {
                RuleEmitter.pushDouble(mv, g.param(i));
            }

            @Override
            public void loadPolicy() {
                mv.visitVarInsn(ALOAD, at.policy);
            }

            @Override
            public void loadAdjoint() {
                throw new IllegalStateException("no adjoint in a forward evaluation");
            }

            @Override
            public void pushAdjointSlot(int k) {
                throw new IllegalStateException("no adjoint in a forward evaluation");
            }
        };
    }
}
