package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The slot layout every method of a generated {@link FusedRun} shares, and the pushes its writers
 * use: {@link FusedRunWriter} (the {@code backward} and {@code exact} frames),
 * {@link FusedExactElement} and {@link FusedGuardedElement} (one element of the reverse loop),
 * {@link FusedForwardWriter} (the forward pass).
 *
 * <p>Locals of {@code backward} and {@code exact}: 0 this, 1 v, 2 vo, 3 vs, 4 g, 5 go, 6 gs,
 * 7 policy, 8 lo, 9 hi, 10 e, 11–12 the entry's adjoint, 13–14 the sum's seed, then per slot its
 * value array, offset and stride (or broadcast value), its adjoint array, offset and stride (or
 * local adjoint), and its value computed in the element; then per slot the local the guarded body
 * holds its adjoint in; then the guard's terms. {@code forward} has v, vo, vs, policy, lo, hi,
 * stores in 1–7 and the same layout from 10.
 *
 * <p>Element e of a slot is {@code offset + e·stride} of its array, the offset and stride read
 * from the call or, where the spec's {@link FusedRun.Layout} gives them, constants of the code.
 */
class FusedRunSlots implements Opcodes {
    static final String NAME = Type.getInternalName(FusedRun.class) + "Generated";
    static final String SUPER = Type.getInternalName(FusedRun.class);
    static final String DESC = "([[D[I[I[[D[I[I" + Type.getDescriptor(Subgradients.class) + "II)V";
    static final String FORWARD_DESC = "([[D[I[I" + Type.getDescriptor(Subgradients.class) + "IIZ)V";
    // locals of backward(v, vo, vs, g, go, gs, policy, lo, hi) and of exact
    static final int V = 1;
    static final int VO = 2;
    static final int VS = 3;
    static final int G = 4;
    static final int GO = 5;
    static final int GS = 6;
    static final int POL = 7;
    static final int LO = 8;
    static final int HI = 9;
    static final int E = 10;
    static final int GI = 11;
    static final int SEED = 13;

    final MethodVisitor mv;
    final FusedRun.Spec s;
    final int[] value;      // array (ref) or broadcast value (double)
    final int[] offset;     // value offset
    final int[] stride;     // value stride
    final int[] adj;        // adjoint array (ref), local adjoint or broadcast accumulator (double)
    final int[] adjOffset;
    final int[] adjStride;
    final int[] mval;       // an entry's value, computed in this element
    /** Slots whose value the code written so far has computed into {@link #mval} in this element. */
    final boolean[] computed;
    /** Per array or broadcast adjoint the guarded body adds to, the local holding it until the guard. */
    final int[] held;
    /** First local of the guard's terms (two per entry and argument, and the seed's). */
    final int termBase;

    FusedRunSlots(MethodVisitor mv, FusedRun.Spec spec) {
        this.mv = mv;
        this.s = spec;
        int slots = spec.broadcast().length;
        value = new int[slots];
        offset = new int[slots];
        stride = new int[slots];
        adj = new int[slots];
        adjOffset = new int[slots];
        adjStride = new int[slots];
        mval = new int[slots];
        computed = new boolean[slots];
        int next = SEED + 2;
        for (int k = 0; k < slots; k++) {
            value[k] = next;
            next += spec.broadcast()[k] ? 2 : 1;
            offset[k] = next++;
            stride[k] = next++;
            adj[k] = next;
            next += FusedRun.inArray(spec.adjoint()[k]) ? 1 : 2;
            adjOffset[k] = next++;
            adjStride[k] = next++;
            mval[k] = next;
            next += 2;
        }
        held = new int[slots];
        for (int k = 0; k < slots; k++) {
            held[k] = next;
            next += 2;
        }
        termBase = next;
    }

    /** The number of slots. */
    final int slots() {
        return s.broadcast().length;
    }

    /** Entry j's argument slots (one or two). */
    final int[] args(int j) {
        return s.arg1()[j] < 0 ? new int[] {s.arg0()[j]} : new int[] {s.arg0()[j], s.arg1()[j]};
    }

    /**
     * The start of an element of the reverse loop: the values not stored recomputed in registers,
     * the local adjoints set to +0, and, with {@code freshZeros}, element e of each
     * {@link FusedRun#FRESH} array set to +0 (the exact body adds into it as into a zeroed array).
     */
    final void startElement(boolean freshZeros) {
        java.util.Arrays.fill(computed, false);
        for (int j = 0; j < s.op().length; j++) {
            if (s.recompute()[s.out()[j]]) {
                computeValue(j, POL);
            }
        }
        for (int k = 0; k < slots(); k++) {
            if (s.adjoint()[k] == FusedRun.LOCAL) {
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, adj[k]);
            } else if (freshZeros && s.adjoint()[k] == FusedRun.FRESH) {
                pushAdjointSlot(k);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DASTORE);
            }
        }
    }

    /** Computes entry j's value at element e into its slot's {@link #mval} local. */
    final void computeValue(int j, int policyLocal) {
        Primitive p = Primitives.byCode(s.op()[j]);
        int o = s.out()[j];
        RuleEmitter.value(mv, p, new Values(j, args(j), policyLocal));
        mv.visitVarInsn(DSTORE, mval[o]);
        computed[o] = true;
    }

    /** Entry j's arguments for its value: a local when an earlier entry computed it, else element e of its slot. */
    private final class Values implements RuleEmitter.NodeAccess {
        private final int j;
        private final int[] args;
        private final int policyLocal;

        Values(int j, int[] args, int policyLocal) {
            this.j = j;
            this.args = args;
            this.policyLocal = policyLocal;
        }

        @Override
        public void loadArg(int k) {
            pushValue(args[k]);
        }

        @Override
        public void loadOwn() {
            throw new IllegalStateException("a value does not read itself");
        }

        @Override
        public void loadParam() {
            RuleEmitter.pushDouble(mv, s.param()[j]);
        }

        @Override
        public void loadPolicy() {
            mv.visitVarInsn(ALOAD, policyLocal);
        }

        @Override
        public void loadAdjoint() {
            throw new IllegalStateException("a value reads no adjoint");
        }

        @Override
        public void pushAdjointSlot(int k) {
            throw new IllegalStateException("a value reads no adjoint");
        }
    }

    /** {@code local = arrays[k]} loaded with {@code aload} and stored with {@code store}. */
    final void load(int arrays, int k, int aload, int store, int local) {
        mv.visitVarInsn(ALOAD, arrays);
        RuleEmitter.pushInt(mv, k);
        mv.visitInsn(aload);
        mv.visitVarInsn(store, local);
    }

    /** Slot k's value array, offset and stride into its locals, or its broadcast value into its value local. */
    final void loadValue(int k) {
        if (s.broadcast()[k]) {
            element(V, VO, k);
            mv.visitVarInsn(DSTORE, value[k]);
        } else {
            load(V, k, AALOAD, ASTORE, value[k]);
            load(VO, k, IALOAD, ISTORE, offset[k]);
            load(VS, k, IALOAD, ISTORE, stride[k]);
        }
    }

    /** Pushes {@code arrays[k][offsets[k]]}. */
    final void element(int arrays, int offsets, int k) {
        pushAt(arrays, offsets, k);
        mv.visitInsn(DALOAD);
    }

    /** Pushes {@code arrays[k]} and {@code offsets[k]}: where element k's slot lies, to load or store. */
    final void pushAt(int arrays, int offsets, int k) {
        mv.visitVarInsn(ALOAD, arrays);
        RuleEmitter.pushInt(mv, k);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ALOAD, offsets);
        RuleEmitter.pushInt(mv, k);
        mv.visitInsn(IALOAD);
    }

    /** Whether the run ends in a sum whose argument takes an adjoint (sum_to 1×1 seeds x̄_e with ȳ). */
    final boolean seedsSumArgument() {
        return s.sumSlot() >= 0 && s.adjoint()[s.sumArg()] != FusedRun.NONE;
    }

    /** Pushes element e of a slot's value: the local an entry computed it in, its array, or its broadcast value. */
    final void pushValue(int slot) {
        if (computed[slot]) {
            mv.visitVarInsn(DLOAD, mval[slot]);
        } else if (s.broadcast()[slot]) {
            mv.visitVarInsn(DLOAD, value[slot]);
        } else {
            pushElement(slot);
            mv.visitInsn(DALOAD);
        }
    }

    /** Pushes a slot's value array and the index of element e in it: {@code offset + e·stride}. */
    final void pushElement(int slot) {
        FusedRun.Layout l = s.layout();
        pushIndexed(value[slot], offset[slot], stride[slot], l == null ? -1 : l.valueOffset()[slot],
                l == null ? 0 : l.valueStride()[slot]);
    }

    /** Pushes a slot's adjoint array and the index of element e in it. */
    final void pushAdjointSlot(int slot) {
        FusedRun.Layout l = s.layout();
        pushIndexed(adj[slot], adjOffset[slot], adjStride[slot], l == null ? -1 : l.adjointOffset()[slot],
                l == null ? 0 : l.adjointStride()[slot]);
    }

    /**
     * Pushes the array in local {@code array} and {@code offset + e·stride}: the offset and
     * stride in locals {@code offset} and {@code stride}, or the constants of the spec's
     * {@link FusedRun.Layout} ({@code knownOffset} ≥ 0, {@code knownStride} ≠ 0).
     */
    private void pushIndexed(int array, int offset, int stride, int knownOffset, int knownStride) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, E);
        if (knownStride == 0) {
            mv.visitVarInsn(ILOAD, stride);
            mv.visitInsn(IMUL);
        } else if (knownStride != 1) {
            RuleEmitter.pushInt(mv, knownStride);
            mv.visitInsn(IMUL);
        }
        if (knownOffset < 0) {
            mv.visitVarInsn(ILOAD, offset);
            mv.visitInsn(IADD);
        } else if (knownOffset != 0) {
            RuleEmitter.pushInt(mv, knownOffset);
            mv.visitInsn(IADD);
        }
    }

    /** Pushes what {@link #storeAdjointOf} needs, then the slot's adjoint. */
    final void loadAdjointOf(int slot) {
        if (FusedRun.inArray(s.adjoint()[slot])) {
            pushAdjointSlot(slot);
            mv.visitInsn(DUP2);
            mv.visitInsn(DALOAD);
        } else {
            mv.visitVarInsn(DLOAD, adj[slot]);
        }
    }

    final void storeAdjointOf(int slot) {
        if (FusedRun.inArray(s.adjoint()[slot])) {
            mv.visitInsn(DASTORE);
        } else {
            mv.visitVarInsn(DSTORE, adj[slot]);
        }
    }

    /** Entry j's operands for its reverse rule: element e of its slots' values, its adjoint in {@link #GI}. */
    final class Access implements RuleEmitter.NodeAccess {
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
            RuleEmitter.pushDouble(mv, s.param()[j]);
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
            FusedRunSlots.this.pushAdjointSlot(args[k]);
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
