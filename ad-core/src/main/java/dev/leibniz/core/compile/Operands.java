package dev.leibniz.core.compile;

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

    Operands(NodeTable t) {
        this.t = t;
    }

    /** Writes into {@code mv} from now on. */
    void writeTo(MethodVisitor mv) {
        this.mv = mv;
    }

    /** Indices from now on are those of {@code block}, in copy r of {@code nest} (null outside nests). */
    void enter(Nest nest, Block block) {
        this.nest = nest;
        this.block = block;
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
        mv.visitVarInsn(ALOAD, NodeEmitter.VALUES);
        pushArgIndex(j, a);
        mv.visitInsn(DALOAD);
    }

    void loadOwn(int j) {
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
        long bits = Double.doubleToRawLongBits(c);
        if (bits == 0L) {
            mv.visitInsn(DCONST_0); // +0.0 only: −0.0 is a constant of its own
        } else if (c == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            doubles.add(bits);
            mv.visitLdcInsn(c);
        }
    }
}
