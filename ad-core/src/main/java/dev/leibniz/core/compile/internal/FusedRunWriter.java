package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
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
 * <p>That exact body is the private method {@code exact}; {@code backward} runs each element in
 * {@code GuardedCopy}'s form (plain arithmetic, the adjoints outside the element held in locals,
 * one finiteness guard, then the writes) and calls {@code exact} on the element when the guard
 * fails, or on the whole range when two array adjoints are one element in an iteration.
 * Measured on the vectorized Brusselator VJP (docs/benchmarks.md, "GuardedCopy's form in the fused
 * loops"): N = 32 from 9.9–10.3 to 9.1–9.6 times the function.
 *
 * <p>Locals of {@code backward}: 0 this, 1 v, 2 vo, 3 vs, 4 g, 5 go, 6 gs, 7 policy, 8 lo, 9 hi,
 * 10 e, 11–12 the entry's adjoint, 13–14 the sum's seed, then per slot its value array, offset
 * and stride (or broadcast value), its adjoint array, offset and stride (or local adjoint), and
 * its value computed in the element; {@code forward} has v, vo, vs, policy, lo, hi, stores in 1–7
 * and the same layout from 10.
 */
final class FusedRunWriter implements Opcodes {
    private FusedRunWriter() {
    }

    private static final String NAME = Type.getInternalName(FusedRun.class) + "Generated";
    private static final String SUPER = Type.getInternalName(FusedRun.class);
    private static final String DESC = "([[D[I[I[[D[I[I" + Type.getDescriptor(Subgradients.class) + "II)V";
    private static final String FORWARD_DESC = "([[D[I[I" + Type.getDescriptor(Subgradients.class) + "IIZ)V";
    // locals of forward(v, vo, vs, policy, lo, hi, stores)
    private static final int F_POL = 4;
    private static final int F_LO = 5;
    private static final int F_HI = 6;
    private static final int F_STORES = 7;
    // locals of backward(v, vo, vs, g, go, gs, policy, lo, hi)
    private static final int V = 1;
    private static final int VO = 2;
    private static final int VS = 3;
    private static final int G = 4;
    private static final int GO = 5;
    private static final int GS = 6;
    private static final int POL = 7;
    private static final int LO = 8;
    private static final int HI = 9;
    private static final int E = 10;
    private static final int GI = 11;
    private static final int SEED = 13;
    /** The exact loop, run for the elements whose guard fails. */
    private static final String EXACT = "exact";

    static FusedRun generate(FusedRun.Spec spec) {
        ClassWriter cw = GeneratedClasses.subclass(NAME, SUPER);
        boolean guarded = spec.broadcast().length <= 64;
        new Body(cw.visitMethod(ACC_PUBLIC, "backward", DESC, null, null), spec).write(guarded);
        if (guarded) {
            new Body(cw.visitMethod(ACC_PRIVATE, EXACT, DESC, null, null), spec).write(false);
        }
        new Body(cw.visitMethod(ACC_PUBLIC, "forward", FORWARD_DESC, null, null), spec).writeForward();
        cw.visitEnd();
        return GeneratedClasses.instantiate(cw.toByteArray(), FusedRun.class, "cannot generate a fused reverse loop");
    }

    /** The method body of one run, with the local of each slot's operands. */
    private static final class Body {
        private final MethodVisitor mv;
        private final FusedRun.Spec s;
        private final int[] value;      // array (ref) or broadcast value (double)
        private final int[] offset;     // value offset
        private final int[] stride;     // value stride
        private final int[] adj;        // adjoint array (ref), local adjoint or broadcast accumulator (double)
        private final int[] adjOffset;
        private final int[] adjStride;
        private final int[] mval;       // an entry's value, computed in this element
        /** Slots whose value the code written so far has computed into {@link #mval} in this element. */
        private final boolean[] computed;
        /** Per array or broadcast adjoint the guarded body adds to, the local holding it until the guard. */
        private final int[] held;
        /** First local of the guard's terms (two per entry and argument, and the seed's). */
        private final int termBase;

        Body(MethodVisitor mv, FusedRun.Spec spec) {
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

        /**
         * The reverse loop: with {@code guarded}, each element by the guarded body
         * ({@link #guardedElement}), and by the exact method when its guard fails; else (the exact
         * method) each element by the exact body ({@link #element()}).
         */
        void write(boolean guarded) {
            mv.visitCode();
            int slots = s.broadcast().length;
            if (guarded) {                              // adjoint arrays sharing an element in one iteration: the exact loop
                Label apart = new Label();
                mv.visitVarInsn(ALOAD, G);
                mv.visitVarInsn(ALOAD, GO);
                mv.visitVarInsn(ALOAD, GS);
                mv.visitLdcInsn(arrayMask());
                mv.visitVarInsn(ILOAD, LO);
                mv.visitVarInsn(ILOAD, HI);
                mv.visitMethodInsn(INVOKESTATIC, SUPER, "shareAnElement", "([[D[I[IJII)Z", false);
                mv.visitJumpInsn(IFEQ, apart);
                callExact(LO, false);
                mv.visitInsn(RETURN);
                mv.visitLabel(apart);
            }
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
                    load(VS, k, IALOAD, ISTORE, stride[k]);
                }
                int kind = s.adjoint()[k];
                if (FusedRun.inArray(kind)) {
                    load(G, k, AALOAD, ASTORE, adj[k]);
                    load(GO, k, IALOAD, ISTORE, adjOffset[k]);
                    load(GS, k, IALOAD, ISTORE, adjStride[k]);
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
            Label fail = new Label();
            Label next = new Label();
            if (guarded) {
                guardedElement(fail);
            } else {
                element();
            }
            mv.visitLabel(next);
            mv.visitIincInsn(E, 1);
            mv.visitLabel(test);
            mv.visitVarInsn(ILOAD, E);
            mv.visitVarInsn(ILOAD, HI);
            mv.visitJumpInsn(IF_ICMPLT, body);
            writeBroadcasts();
            mv.visitInsn(RETURN);
            if (guarded) {
                mv.visitLabel(fail);
                redo();
                mv.visitJumpInsn(GOTO, next);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /** Writes each broadcast adjoint's accumulator back to its element. */
        private void writeBroadcasts() {
            for (int k = 0; k < s.broadcast().length; k++) {
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
        }

        /** The slots the reverse rules of the run add to that live outside the element: array and broadcast adjoints. */
        private boolean[] targets() {
            boolean[] target = new boolean[s.broadcast().length];
            if (s.sumSlot() >= 0 && s.adjoint()[s.sumArg()] != FusedRun.NONE) {
                target[s.sumArg()] = true;
            }
            for (int j = 0; j < s.op().length; j++) {
                if (s.adjoint()[s.out()[j]] == FusedRun.NONE) {
                    continue;
                }
                Primitive p = Primitives.byCode(s.op()[j]);
                int[] args = args(j);
                for (int k = 0; k < args.length; k++) {
                    if (s.adjoint()[args[k]] != FusedRun.NONE && Flow.flows(p.code(), k)) {
                        target[args[k]] = true;
                    }
                }
            }
            for (int k = 0; k < target.length; k++) {
                target[k] &= FusedRun.inArray(s.adjoint()[k]) || s.adjoint()[k] == FusedRun.BROADCAST;
            }
            return target;
        }

        private int[] args(int j) {
            return s.arg1()[j] < 0 ? new int[] {s.arg0()[j]} : new int[] {s.arg0()[j], s.arg1()[j]};
        }

        /**
         * Element e in plain arithmetic ({@code GuardedCopy}'s full form): the values recomputed,
         * then every entry's rule as {@code x̄ += ḡ·∂y/∂x} with neither a zero test nor a
         * finiteness test. An adjoint outside the element (an array or broadcast adjoint) is held
         * in a local: loaded at its first term, its terms added in the order of {@link #element()},
         * read back from the local by an entry whose output it is, and written only after one
         * guard — the sum of the terms leaving the element is finite, each term {@code ±ḡ} of one
         * chain of unit partials counted once (the four rolls of a Laplacian take ±ḡ of one
         * entry) — which jumps to {@code fail}, nothing written, when it is not finite (see
         * {@code GuardedCopy} for why this is bit-exact). Slots whose adjoint arrays share an
         * element in the same iteration are sent to the exact loop before the loop starts.
         */
        private void guardedElement(Label fail) {
            int slots = s.broadcast().length;
            boolean[] target = targets();
            boolean[] loaded = new boolean[slots];
            int[] root = new int[slots];
            int[] terms = new int[slots];
            for (int k = 0; k < slots; k++) {
                root[k] = k;
            }
            java.util.List<Integer> guard = new java.util.ArrayList<>();
            java.util.Set<Integer> keys = new java.util.HashSet<>();
            int nextTerm = termBase;
            java.util.Arrays.fill(computed, false);
            for (int j = 0; j < s.op().length; j++) {
                if (s.recompute()[s.out()[j]]) {
                    computeValue(j, POL);
                }
            }
            for (int k = 0; k < slots; k++) {
                if (s.adjoint()[k] == FusedRun.LOCAL) {
                    mv.visitInsn(DCONST_0);
                    mv.visitVarInsn(DSTORE, adj[k]);
                }
            }
            if (s.sumSlot() >= 0 && s.adjoint()[s.sumArg()] != FusedRun.NONE) {
                int a = s.sumArg();
                mv.visitVarInsn(DLOAD, SEED);
                if (target[a]) {
                    guard.add(SEED);
                    keys.add(-1);
                    addHeld(a, loaded);
                } else {
                    mv.visitVarInsn(DLOAD, adj[a]);
                    mv.visitInsn(DADD);
                    mv.visitVarInsn(DSTORE, adj[a]);
                    terms[a]++;
                }
            }
            for (int j = s.op().length - 1; j >= 0; j--) {
                Primitive p = Primitives.byCode(s.op()[j]);
                int o = s.out()[j];
                int[] args = args(j);
                if (s.adjoint()[o] == FusedRun.NONE) {
                    continue;
                }
                if (s.adjoint()[o] == FusedRun.LOCAL) {
                    mv.visitVarInsn(DLOAD, adj[o]);
                } else if (loaded[o]) {
                    mv.visitVarInsn(DLOAD, held[o]);
                } else if (s.adjoint()[o] == FusedRun.BROADCAST) {
                    mv.visitVarInsn(DLOAD, adj[o]);
                } else if (s.adjoint()[o] == FusedRun.FRESH) {
                    mv.visitInsn(DCONST_0);             // no term yet: the +0 the array would hold
                } else {
                    pushAdjointSlot(o);
                    mv.visitInsn(DALOAD);
                }
                mv.visitVarInsn(DSTORE, GI);
                Access acc = new Access(p, j, o, args);
                for (int k = 0; k < args.length; k++) {
                    int a = args[k];
                    if (s.adjoint()[a] == FusedRun.NONE || !Flow.flows(p.code(), k)) {
                        continue;
                    }
                    boolean unit = Math.abs(p.constantPartial(k)) == 1.0;
                    RuleEmitter.plainContribution(mv, p, k, acc);
                    if (target[a]) {
                        int key = unit ? root[o] : slots + nextTerm;
                        if (keys.add(key)) {
                            mv.visitInsn(DUP2);
                            mv.visitVarInsn(DSTORE, nextTerm);
                            guard.add(nextTerm);
                            nextTerm += 2;
                        }
                        addHeld(a, loaded);
                    } else {
                        if (++terms[a] == 1 && unit) {
                            root[a] = root[o];
                        } else {
                            root[a] = a;
                        }
                        mv.visitVarInsn(DLOAD, adj[a]);
                        mv.visitInsn(DADD);
                        mv.visitVarInsn(DSTORE, adj[a]);
                    }
                }
            }
            if (!guard.isEmpty()) {                     // the sum − itself is 0 exactly when it is finite
                pairwise(guard, 0, guard.size());
                mv.visitInsn(DUP2);
                mv.visitInsn(DSUB);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
                mv.visitJumpInsn(IFNE, fail);
            }
            for (int k = 0; k < slots; k++) {           // the commit: no two held slots share an element
                if (!loaded[k]) {
                    if (s.adjoint()[k] == FusedRun.FRESH) {     // written by no term: its +0
                        pushAdjointSlot(k);
                        mv.visitInsn(DCONST_0);
                        mv.visitInsn(DASTORE);
                    }
                    continue;
                }
                if (FusedRun.inArray(s.adjoint()[k])) {
                    pushAdjointSlot(k);
                    mv.visitVarInsn(DLOAD, held[k]);
                    mv.visitInsn(DASTORE);
                } else {
                    mv.visitVarInsn(DLOAD, held[k]);
                    mv.visitVarInsn(DSTORE, adj[k]);
                }
            }
        }

        /** With a term on the stack: {@code held[a] = held[a] + term}, loading the adjoint at its first term. */
        private void addHeld(int a, boolean[] loaded) {
            if (loaded[a]) {
                mv.visitVarInsn(DLOAD, held[a]);
            } else if (s.adjoint()[a] == FusedRun.FRESH) {
                mv.visitInsn(DCONST_0);                 // the array's element is not read: it starts at +0
            } else if (s.adjoint()[a] == FusedRun.ARRAY) {
                pushAdjointSlot(a);
                mv.visitInsn(DALOAD);
            } else {
                mv.visitVarInsn(DLOAD, adj[a]);
            }
            mv.visitInsn(DADD);                         // term + adjoint: IEEE addition commutes
            mv.visitVarInsn(DSTORE, held[a]);
            loaded[a] = true;
        }

        /** Pushes the sum of the locals {@code slots[from, to)}, added as a balanced tree. */
        private void pairwise(java.util.List<Integer> slots, int from, int to) {
            if (to - from == 1) {
                mv.visitVarInsn(DLOAD, slots.get(from));
                return;
            }
            int mid = (from + to) >>> 1;
            pairwise(slots, from, mid);
            pairwise(slots, mid, to);
            mv.visitInsn(DADD);
        }

        /** The array-adjoint slots as a bit mask (the guarded loop is written only for at most 64 slots). */
        long arrayMask() {
            long m = 0;
            for (int k = 0; k < s.adjoint().length; k++) {
                if (FusedRun.inArray(s.adjoint()[k])) {
                    m |= 1L << k;
                }
            }
            return m;
        }

        /**
         * After a failed guard, nothing of element e written: the broadcast accumulators passed
         * through their arrays, element e swept by the exact method.
         */
        private void redo() {
            writeBroadcasts();
            callExact(E, true);
            for (int k = 0; k < s.broadcast().length; k++) {
                if (s.adjoint()[k] == FusedRun.BROADCAST) {
                    element(G, GO, k);
                    mv.visitVarInsn(DSTORE, adj[k]);
                }
            }
        }

        /** Calls the exact method on {@code [e, e + 1)} ({@code one}) or on {@code [lo, hi)}. */
        private void callExact(int from, boolean one) {
            mv.visitVarInsn(ALOAD, 0);
            for (int local = V; local <= POL; local++) {
                mv.visitVarInsn(ALOAD, local);
            }
            mv.visitVarInsn(ILOAD, from);
            if (one) {
                mv.visitVarInsn(ILOAD, E);
                mv.visitInsn(ICONST_1);
                mv.visitInsn(IADD);
            } else {
                mv.visitVarInsn(ILOAD, HI);
            }
            mv.visitMethodInsn(INVOKESPECIAL, NAME, EXACT, DESC, false);
        }

        /**
         * The forward method: per slot its value array and offset (or broadcast value), then for
         * each element every entry's value into a local (the adjoint local of its slot, unused
         * here) and its array, and the final sum in {@link #SEED}.
         */
        void writeForward() {
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
                    load(VS, k, IALOAD, ISTORE, stride[k]);
                }
            }
            mv.visitInsn(DCONST_0);
            mv.visitVarInsn(DSTORE, SEED);
            Label test = new Label();
            Label body = new Label();
            mv.visitVarInsn(ILOAD, F_LO);
            mv.visitVarInsn(ISTORE, E);
            mv.visitJumpInsn(GOTO, test);
            mv.visitLabel(body);
            java.util.Arrays.fill(computed, false);
            for (int j = 0; j < s.op().length; j++) {
                int o = s.out()[j];
                computeValue(j, F_POL);
                Label skip = new Label();
                mv.visitVarInsn(ILOAD, F_STORES);
                mv.visitJumpInsn(IFEQ, skip);
                pushElement(o);
                mv.visitVarInsn(DLOAD, mval[o]);
                mv.visitInsn(DASTORE);
                mv.visitLabel(skip);
                if (o == s.sumArg() && s.sumSlot() >= 0) {
                    mv.visitVarInsn(DLOAD, SEED);
                    mv.visitVarInsn(DLOAD, mval[o]);
                    mv.visitInsn(DADD);
                    mv.visitVarInsn(DSTORE, SEED);
                }
            }
            mv.visitIincInsn(E, 1);
            mv.visitLabel(test);
            mv.visitVarInsn(ILOAD, E);
            mv.visitVarInsn(ILOAD, F_HI);
            mv.visitJumpInsn(IF_ICMPLT, body);
            if (s.sumSlot() >= 0) {
                mv.visitVarInsn(ALOAD, V);
                RuleEmitter.pushInt(mv, s.sumSlot());
                mv.visitInsn(AALOAD);
                mv.visitVarInsn(ALOAD, VO);
                RuleEmitter.pushInt(mv, s.sumSlot());
                mv.visitInsn(IALOAD);
                mv.visitVarInsn(DLOAD, SEED);
                mv.visitInsn(DASTORE);
            }
            mv.visitInsn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /** Computes entry j's value at element e into its slot's {@link #mval} local. */
        private void computeValue(int j, int policyLocal) {
            Primitive p = Primitives.byCode(s.op()[j]);
            int o = s.out()[j];
            int[] args = s.arg1()[j] < 0 ? new int[] {s.arg0()[j]} : new int[] {s.arg0()[j], s.arg1()[j]};
            RuleEmitter.value(mv, p, new Values(j, args, policyLocal));
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
                mv.visitLdcInsn(s.param()[j]);
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
            java.util.Arrays.fill(computed, false);
            for (int j = 0; j < s.op().length; j++) {       // values not stored, recomputed in registers
                if (s.recompute()[s.out()[j]]) {
                    computeValue(j, POL);
                }
            }
            for (int k = 0; k < slots; k++) {
                if (s.adjoint()[k] == FusedRun.LOCAL) {
                    mv.visitInsn(DCONST_0);
                    mv.visitVarInsn(DSTORE, adj[k]);
                } else if (s.adjoint()[k] == FusedRun.FRESH) {     // element e starts at +0, as if zero-filled
                    pushAdjointSlot(k);
                    mv.visitInsn(DCONST_0);
                    mv.visitInsn(DASTORE);
                }
            }
            if (s.sumSlot() >= 0 && s.adjoint()[s.sumArg()] != FusedRun.NONE) {   // sum_to 1×1: x̄_e += ȳ
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
                if (s.adjoint()[o] == FusedRun.NONE) {
                    continue;                       // no adjoint (a forward-only description)
                }
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

        /** Pushes element e of a slot's value: the local an entry computed it in, its array, or its broadcast value. */
        private void pushValue(int slot) {
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
        private void pushElement(int slot) {
            FusedRun.Layout l = s.layout();
            pushIndexed(value[slot], offset[slot], stride[slot], l == null ? -1 : l.valueOffset()[slot],
                    l == null ? 0 : l.valueStride()[slot]);
        }

        /** Pushes a slot's adjoint array and the index of element e in it. */
        private void pushAdjointSlot(int slot) {
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
        private void loadAdjointOf(int slot) {
            if (FusedRun.inArray(s.adjoint()[slot])) {
                pushAdjointSlot(slot);
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
            } else {
                mv.visitVarInsn(DLOAD, adj[slot]);
            }
        }

        private void storeAdjointOf(int slot) {
            if (FusedRun.inArray(s.adjoint()[slot])) {
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
