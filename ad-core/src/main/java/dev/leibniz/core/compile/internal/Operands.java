package dev.leibniz.core.compile.internal;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The operands of generated code for one block: array indices {@code base + r·outer + k·stride}
 * (see {@link Block} and {@link Nest}), loads of node values, numeric constants, and the calls
 * that {@link NodeEmitter} and {@link RuleEmitter} write with them.
 *
 * <p>Numbers that do not fit an instruction ({@code sipush} holds up to 32767, {@code dconst}
 * only 0 and 1) become constant-pool entries, which are counted here, because a class may hold
 * at most 65535 of them.
 */
final class Operands implements Opcodes {

    private final NodeTable t;
    private final Set<Integer> ints = new HashSet<>();
    private final Set<Long> doubles = new HashSet<>();
    private MethodVisitor mv;
    private Block block;
    private Nest nest;
    /** Per template node of the block: held in JVM locals ({@link CopyLocals}); null for none. */
    private boolean[] local;
    /** Per template node: its value is carried to the next copy in a local; null for none (or not now). */
    private boolean[] valueCarry;
    /** Per template node: its adjoint is carried from the next copy in a local; null for none. */
    private boolean[] adjointCarry;
    /** Whether previous-copy contributions go to the carried adjoint (false in the peeled copy 0). */
    private boolean carryOut;
    /** Input node 0 when input nodes are read from the input array ({@link CopyLocals#inputsReadDirectly}), else −1. */
    private int firstInput = -1;
    private int inputCount;
    /** Whether the code being written reads inputs directly (the gradient's sweeps, not the plain forward sweep). */
    private boolean direct;

    Operands(NodeTable t) {
        this.t = t;
    }

    /** Writes into {@code mv} from now on. */
    void writeTo(MethodVisitor mv) {
        this.mv = mv;
    }

    /** Indices from now on are those of {@code block}, in copy r of {@code nest} (null outside nests). */
    void enter(Nest nest, Block block) {
        enter(nest, block, null);
    }

    /**
     * Like {@link #enter(Nest, Block)}, with the block's template nodes marked {@code local} held in
     * JVM locals ({@link CopyLocals}; null: every value in the arrays).
     */
    void enter(Nest nest, Block block, boolean[] local) {
        this.nest = nest;
        this.block = block;
        this.local = local;
        this.valueCarry = null;
        this.adjointCarry = null;
        this.carryOut = false;
    }

    /** Values of these template nodes are read from their carry locals by the next copy (null: none). */
    void carryValues(boolean[] carried) {
        this.valueCarry = carried;
    }

    /**
     * Adjoints of these template nodes are carried in locals (null: none); {@code out} says whether
     * the previous copy's contributions go to the carry (else to the array, as in copy 0).
     */
    void carryAdjoints(boolean[] carried, boolean out) {
        this.adjointCarry = carried;
        this.carryOut = out;
    }

    boolean carriesValue(int j) {
        return valueCarry != null && valueCarry[j];
    }

    boolean carriesAdjoint(int j) {
        return adjointCarry != null && adjointCarry[j];
    }

    /** The template index whose carried adjoint receives argument a of node j's term, else −1. */
    int carriedAdjointArg(int j, int a) {
        if (adjointCarry == null || !carryOut) {
            return -1;
        }
        int jj = CopyLocals.previousCopyArg(block, j, a, this, nest == null ? 0 : nest.nodeStride());
        return jj >= 0 && adjointCarry[jj] ? jj : -1;
    }

    /** The local holding the carried value of template node j (of the copy before). */
    static int carryValueSlot(int j) {
        return NodeEmitter.LOCALS + 4 * RepeatFinder.MAX_PERIOD + 2 * j;
    }

    /** The local holding the adjoint of template node j of the copy being swept. */
    static int carryInSlot(int j) {
        return NodeEmitter.LOCALS + 6 * RepeatFinder.MAX_PERIOD + 2 * j;
    }

    /** The local accumulating the adjoint of template node j of the previous copy. */
    static int carryOutSlot(int j) {
        return NodeEmitter.LOCALS + 8 * RepeatFinder.MAX_PERIOD + 2 * j;
    }

    NodeTable table() {
        return t;
    }

    /** Input nodes are {@code first …} and may be read from the input array (−1: never). */
    void directInputs(int first, int count) {
        this.firstInput = first;
        this.inputCount = count;
    }

    /** Whether the code written from now on reads input nodes from the input array. */
    void direct(boolean on) {
        this.direct = on && firstInput >= 0;
    }

    boolean isDirectInput(int node) {
        return direct && node >= firstInput && node < firstInput + inputCount;
    }

    /** Whether argument a of template node j is an input node read from the input array (in every copy). */
    boolean directInputArg(int j, int a) {
        return isDirectInput(t.arg(block.start() + j, a));
    }

    /** Pushes the input array and the input position of argument a of node j (a direct input). */
    void pushInputSlot(int array, int j, int a) {
        mv.visitVarInsn(ALOAD, array);
        pushAffine(t.arg(block.start() + j, a) - firstInput, argStride(j, a), outerArgStride(j, a));
    }

    /** Pushes the value of node {@code node + r·outer} (r the nest's copy): from the input array for a direct input. */
    void loadNode(int node, int outer) {
        if (isDirectInput(node)) {
            mv.visitVarInsn(ALOAD, NodeEmitter.INPUTS);
            pushAffine(node - firstInput, 0, outer);
        } else {
            mv.visitVarInsn(ALOAD, NodeEmitter.VALUES);
            pushAffine(node, 0, outer);
        }
        mv.visitInsn(DALOAD);
    }

    /** The JVM local (two slots) holding the value of local template node j. */
    static int valueSlot(int j) {
        return NodeEmitter.LOCALS + 2 * j;
    }

    /** The JVM local (two slots) holding the adjoint of local template node j. */
    static int adjointSlot(int j) {
        return NodeEmitter.LOCALS + 2 * RepeatFinder.MAX_PERIOD + 2 * j;
    }

    /** Whether template node j is held in locals. */
    boolean isLocal(int j) {
        return local != null && local[j];
    }

    /** The template index of argument a of node j when it is a local of the same copy, else −1. */
    int localArg(int j, int a) {
        return CopyLocals.localArg(block, j, a, this, local, nest == null ? 0 : nest.nodeStride());
    }

    /** Constant pool entries used so far by numbers. */
    int constantPoolEntries() {
        return ints.size() + 2 * doubles.size();
    }

    /**
     * True when node {@code base + k·stride + r·outer} depends on an input in some copy k of the
     * block (and r of the nest): otherwise its adjoint is never needed (see
     * {@link NodeTable#dependsOnInput}).
     */
    boolean dependsOnInput(int base, int stride, int outer) {
        for (int r = 0, copies = nest == null ? 1 : nest.count(); r < copies; r++) {
            for (int k = 0; k < block.count(); k++) {
                if (t.dependsOnInput[base + k * stride + r * outer]) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean argDependsOnInput(int j, int a) {
        return dependsOnInput(t.arg(block.start() + j, a), argStride(j, a), outerArgStride(j, a));
    }

    /** Leaves a double on the stack: {@code whenTrue} if the double on the stack is ≠ 0 (or NaN). */
    void ifNonZero(Runnable whenTrue, Runnable whenFalse) {
        Label otherwise = new Label();
        Label done = new Label();
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, otherwise);
        whenTrue.run();
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(otherwise);
        whenFalse.run();
        mv.visitLabel(done);
    }

    void loadArg(int j, int a) {
        int jj = localArg(j, a);
        if (jj >= 0) {
            mv.visitVarInsn(DLOAD, valueSlot(jj));
            return;
        }
        if (valueCarry != null) {
            int pj = CopyLocals.previousCopyArg(block, j, a, this, nest == null ? 0 : nest.nodeStride());
            if (pj >= 0 && valueCarry[pj]) {
                mv.visitVarInsn(DLOAD, carryValueSlot(pj));
                return;
            }
        }
        if (directInputArg(j, a)) {
            pushInputSlot(NodeEmitter.INPUTS, j, a);
            mv.visitInsn(DALOAD);
            return;
        }
        int arg = t.arg(block.start() + j, a);
        if (argStride(j, a) == 0 && outerArgStride(j, a) == 0 && dev.leibniz.core.prim.Primitives.byCode(t.op[arg]).kind()
                == dev.leibniz.core.prim.Primitive.Kind.CONSTANT) {
            // the constant itself, the value its node stores: an array load the JIT could not hoist
            // out of a loop that stores into a double[] (which, for all it knows, is the same array)
            pushDouble(t.param[arg]);
            return;
        }
        mv.visitVarInsn(ALOAD, NodeEmitter.VALUES);
        pushArgIndex(j, a);
        mv.visitInsn(DALOAD);
    }

    void loadOwn(int j) {
        if (isLocal(j)) {
            mv.visitVarInsn(DLOAD, valueSlot(j));
            return;
        }
        mv.visitVarInsn(ALOAD, NodeEmitter.VALUES);
        pushNodeIndex(j);
        mv.visitInsn(DALOAD);
    }

    void pushNodeIndex(int j) {
        pushAffine(block.start() + j, block.period(), nest == null ? 0 : nest.nodeStride());
    }

    void pushArgIndex(int j, int a) {
        pushAffine(t.arg(block.start() + j, a), argStride(j, a), outerArgStride(j, a));
    }

    int argStride(int j, int a) {
        int u = block.start() + j;
        return block.isRepeat() ? block.argStride()[t.argStart[u] - t.argStart[block.start()] + a] : 0;
    }

    int outerArgStride(int j, int a) {
        int u = block.start() + j;
        return nest == null ? 0 : block.outerArgStride()[t.argStart[u] - t.argStart[block.start()] + a];
    }

    /**
     * {@code base + r·outer + k·stride}: r is the nest's copy (the method parameter), k the
     * repeat's copy; each term only where it applies.
     */
    void pushAffine(int base, int stride, int outer) {
        pushInt(base);
        if (nest != null && outer != 0) {
            mv.visitVarInsn(ILOAD, NodeEmitter.OUTER);
            if (outer != 1) {
                pushInt(outer);
                mv.visitInsn(IMUL);
            }
            mv.visitInsn(IADD);
        }
        if (block.isRepeat() && stride != 0) {
            mv.visitVarInsn(ILOAD, NodeEmitter.COPY);
            if (stride != 1) {
                pushInt(stride);
                mv.visitInsn(IMUL);
            }
            mv.visitInsn(IADD);
        }
    }

    void pushInt(int c) {
        if (c < Short.MIN_VALUE || c > Short.MAX_VALUE) {
            ints.add(c); // a constant-pool entry
        }
        RuleEmitter.pushInt(mv, c);
    }

    void pushDouble(double c) {
        if (RuleEmitter.pushDouble(mv, c)) {
            doubles.add(Double.doubleToRawLongBits(c));
        }
    }
}
