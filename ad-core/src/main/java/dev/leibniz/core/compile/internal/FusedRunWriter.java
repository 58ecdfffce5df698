package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the loop of a {@link FusedRun}: {@code backward(v, vo, g, go, policy, lo, hi)} loads each
 * slot's arrays and offsets (or its broadcast value and adjoint) into locals, then for
 * {@code e = lo … hi − 1} zeroes the local adjoints, adds a final sum's seed to its argument's
 * adjoint, and writes each entry's reverse rule from the last entry to the first with
 * {@link RuleEmitter} — {@code if (ḡ ≠ 0) x̄_k += ḡ·∂y/∂x_k} — reading element e of the saved
 * values. Broadcast adjoints are written back after the loop.
 *
 * <p>Locals: 0 this, 1 v, 2 vo, 3 g, 4 go, 5 policy, 6 lo, 7 hi, 8 e, 9–10 the entry's adjoint,
 * 11–12 the sum's seed, then per slot its value array and offset (or broadcast value), its adjoint
 * array and offset, or its local adjoint.
 */
final class FusedRunWriter implements Opcodes {
    private FusedRunWriter() {
    }

    private static final String NAME = Type.getInternalName(FusedRun.class) + "Generated";
    private static final String SUPER = Type.getInternalName(FusedRun.class);
    private static final String DESC = "([[D[I[[D[I" + Type.getDescriptor(Subgradients.class) + "II)V";
    private static final int V = 1;
    private static final int VO = 2;
    private static final int G = 3;
    private static final int GO = 4;
    private static final int POL = 5;
    private static final int LO = 6;
    private static final int HI = 7;
    private static final int E = 8;
    private static final int GI = 9;
    private static final int SEED = 11;

    static FusedRun generate(FusedRun.Spec spec) {
        ClassWriter cw = GeneratedClasses.subclass(NAME, SUPER);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "backward", DESC, null, null);
        new Body(mv, spec).write();
        cw.visitEnd();
        return GeneratedClasses.instantiate(cw.toByteArray(), FusedRun.class, "cannot generate a fused reverse loop");
    }

    /** The method body of one run, with the local of each slot's operands. */
    private static final class Body {
        private final MethodVisitor mv;
        private final FusedRun.Spec s;
        private final int[] value;      // array (ref) or broadcast value (double)
        private final int[] offset;     // value offset
        private final int[] adj;        // adjoint array (ref), local adjoint or broadcast accumulator (double)
        private final int[] adjOffset;

        Body(MethodVisitor mv, FusedRun.Spec spec) {
            this.mv = mv;
            this.s = spec;
            int slots = spec.broadcast().length;
            value = new int[slots];
            offset = new int[slots];
            adj = new int[slots];
            adjOffset = new int[slots];
            int next = SEED + 2;
            for (int k = 0; k < slots; k++) {
                value[k] = next;
                next += spec.broadcast()[k] ? 2 : 1;
                offset[k] = next++;
                adj[k] = next;
                next += spec.adjoint()[k] == FusedRun.ARRAY ? 1 : 2;
                adjOffset[k] = next++;
            }
        }

        void write() {
            mv.visitCode();
            int slots = s.broadcast().length;
            for (int k = 0; k < slots; k++) {
                if (k == s.sumSlot()) {
                    continue;
                }
                if (s.broadcast()[k]) {
                    element(V, VO, k);
                    mv.visitVarInsn(DSTORE, value[k]);
                } else {
                    load(V, k, AALOAD, ASTORE, value[k]);
                    load(VO, k, IALOAD, ISTORE, offset[k]);
                }
                int kind = s.adjoint()[k];
                if (kind == FusedRun.ARRAY) {
                    load(G, k, AALOAD, ASTORE, adj[k]);
                    load(GO, k, IALOAD, ISTORE, adjOffset[k]);
                } else if (kind == FusedRun.BROADCAST) {
                    element(G, GO, k);
                    mv.visitVarInsn(DSTORE, adj[k]);
                }
            }
            if (s.sumSlot() >= 0) {
                element(G, GO, s.sumSlot());
                mv.visitVarInsn(DSTORE, SEED);
            }
            Label test = new Label();
            Label body = new Label();
            mv.visitVarInsn(ILOAD, LO);
            mv.visitVarInsn(ISTORE, E);
            mv.visitJumpInsn(GOTO, test);
            mv.visitLabel(body);
            element();
            mv.visitIincInsn(E, 1);
            mv.visitLabel(test);
            mv.visitVarInsn(ILOAD, E);
            mv.visitVarInsn(ILOAD, HI);
            mv.visitJumpInsn(IF_ICMPLT, body);
            for (int k = 0; k < slots; k++) {
                if (s.adjoint()[k] == FusedRun.BROADCAST) {
                    mv.visitVarInsn(ALOAD, G);
                    RuleEmitter.pushInt(mv, k);
                    mv.visitInsn(AALOAD);
                    mv.visitVarInsn(ALOAD, GO);
                    RuleEmitter.pushInt(mv, k);
                    mv.visitInsn(IALOAD);
                    mv.visitVarInsn(DLOAD, adj[k]);
                    mv.visitInsn(DASTORE);
                }
            }
            mv.visitInsn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /** {@code local = arrays[k]} loaded with {@code aload} and stored with {@code store}. */
        private void load(int arrays, int k, int aload, int store, int local) {
            mv.visitVarInsn(ALOAD, arrays);
            RuleEmitter.pushInt(mv, k);
            mv.visitInsn(aload);
            mv.visitVarInsn(store, local);
        }

        /** Pushes {@code arrays[k][offsets[k]]}. */
        private void element(int arrays, int offsets, int k) {
            mv.visitVarInsn(ALOAD, arrays);
            RuleEmitter.pushInt(mv, k);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ALOAD, offsets);
            RuleEmitter.pushInt(mv, k);
            mv.visitInsn(IALOAD);
            mv.visitInsn(DALOAD);
        }

        /** The loop body for element e. */
        private void element() {
            int slots = s.broadcast().length;
            for (int k = 0; k < slots; k++) {
                if (s.adjoint()[k] == FusedRun.LOCAL) {
                    mv.visitInsn(DCONST_0);
                    mv.visitVarInsn(DSTORE, adj[k]);
                }
            }
            if (s.sumSlot() >= 0) {                 // sum_to 1×1: x̄_e += ȳ (its declared reverse rule)
                int a = s.sumArg();
                loadAdjointOf(a);
                mv.visitVarInsn(DLOAD, SEED);
                mv.visitInsn(DADD);
                storeAdjointOf(a);
            }
            for (int j = s.op().length - 1; j >= 0; j--) {
                Primitive p = Primitives.byCode(s.op()[j]);
                int o = s.out()[j];
                int[] args = s.arg1()[j] < 0 ? new int[] {s.arg0()[j]} : new int[] {s.arg0()[j], s.arg1()[j]};
                if (s.adjoint()[o] == FusedRun.LOCAL) {
                    mv.visitVarInsn(DLOAD, adj[o]);
                } else {
                    pushAdjointSlot(o);
                    mv.visitInsn(DALOAD);
                }
                mv.visitVarInsn(DSTORE, GI);
                Label skip = new Label();
                mv.visitVarInsn(DLOAD, GI);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
                mv.visitJumpInsn(IFEQ, skip);
                RuleEmitter.accumulateAll(mv, p, new Access(p, j, o, args), k -> s.adjoint()[args[k]] != FusedRun.NONE);
                mv.visitLabel(skip);
            }
        }

        private void pushValue(int slot) {
            if (s.broadcast()[slot]) {
                mv.visitVarInsn(DLOAD, value[slot]);
            } else {
                mv.visitVarInsn(ALOAD, value[slot]);
                mv.visitVarInsn(ILOAD, offset[slot]);
                mv.visitVarInsn(ILOAD, E);
                mv.visitInsn(IADD);
                mv.visitInsn(DALOAD);
            }
        }

        private void pushAdjointSlot(int slot) {
            mv.visitVarInsn(ALOAD, adj[slot]);
            mv.visitVarInsn(ILOAD, adjOffset[slot]);
            mv.visitVarInsn(ILOAD, E);
            mv.visitInsn(IADD);
        }

        /** Pushes what {@link #storeAdjointOf} needs, then the slot's adjoint. */
        private void loadAdjointOf(int slot) {
            if (s.adjoint()[slot] == FusedRun.ARRAY) {
                pushAdjointSlot(slot);
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
            } else {
                mv.visitVarInsn(DLOAD, adj[slot]);
            }
        }

        private void storeAdjointOf(int slot) {
            if (s.adjoint()[slot] == FusedRun.ARRAY) {
                mv.visitInsn(DASTORE);
            } else {
                mv.visitVarInsn(DSTORE, adj[slot]);
            }
        }

        /** Entry j's operands: element e of its slots' values, its adjoint in {@link #GI}. */
        private final class Access implements RuleEmitter.NodeAccess {
            private final Primitive p;
            private final int j;
            private final int out;
            private final int[] args;

            Access(Primitive p, int j, int out, int[] args) {
                this.p = p;
                this.j = j;
                this.out = out;
                this.args = args;
            }

            @Override
            public void loadArg(int k) {
                if (p.savesInput(k)) {
                    pushValue(args[k]);
                } else {
                    mv.visitInsn(DCONST_0);
                }
            }

            @Override
            public void loadOwn() {
                if (p.savesOutput()) {
                    pushValue(out);
                } else {
                    mv.visitInsn(DCONST_0);
                }
            }

            @Override
            public void loadParam() {
                mv.visitLdcInsn(s.param()[j]);
            }

            @Override
            public void loadPolicy() {
                mv.visitVarInsn(ALOAD, POL);
            }

            @Override
            public void loadAdjoint() {
                mv.visitVarInsn(DLOAD, GI);
            }

            @Override
            public void pushAdjointSlot(int k) {
                Body.this.pushAdjointSlot(args[k]);
            }

            @Override
            public void loadArgAdjoint(MethodVisitor m, int k) {
                loadAdjointOf(args[k]);
            }

            @Override
            public void storeArgAdjoint(MethodVisitor m, int k) {
                storeAdjointOf(args[k]);
            }
        }
    }
}
