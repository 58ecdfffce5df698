package dev.leibniz.core.compile;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.UnaryPrimitive;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the bytecode of one {@link Block}: the forward sweep
 * {@code v[i] = f(v[a], v[b])} and the reverse sweep
 * {@code if (g[i] != 0) { g[a] += g[i]·∂f/∂a; g[b] += g[i]·∂f/∂b; }} of each of its nodes, as the
 * Java a person would write for that node, with constant array indices (a single node) or
 * indices {@code base + k·stride} in a loop over the copies {@code k} of a repeat.
 *
 * <p>The common primitives (leaves, + − × ÷, neg, square, exp, log, sin, cos, tanh, sqrt, select)
 * are written out with exactly the formulas of their declarations — {@code g[b] += gi·(−y/b)} for
 * division, {@code 1 − y²} for tanh — which is what makes the results bit-identical to the
 * interpreter's; the tests compare them on random graphs. Every other primitive is called through
 * its own rule ({@code apply}, {@code derivative}, {@code partialA/B}), loaded from its static
 * field ({@link PrimitiveFields}), and variadic ones through {@link Calls}.
 *
 * <p>Every chunk method is {@code static void m(Workspace w, int r)}, {@code r} being the copy of
 * the enclosing {@link Nest} (0 outside nests), with the locals below, loaded once at its start.
 */
final class NodeEmitter implements Opcodes {
    static final int WORKSPACE = 0;
    /** Copy r of the enclosing nest (a parameter of every chunk method). */
    static final int OUTER = 1;
    static final int INPUTS = 2;
    static final int VALUES = 3;
    static final int ADJOINTS = 4;
    static final int POLICY = 5;
    static final int GRAPH = 6;
    /** Copy counter k of the repeat being emitted (or r of the nest whose loop is being emitted). */
    static final int COPY = 7;
    /** g[i] of the node being differentiated (a double: slots 8 and 9). */
    static final int ADJOINT = 8;

    static final String WORKSPACE_TYPE = Type.getInternalName(CompiledGraph.Workspace.class);
    private static final String CALLS = Type.getInternalName(Calls.class);
    private static final String GRAPH_DESC = Type.getDescriptor(Graph.class);
    private static final String POLICY_DESC = Type.getDescriptor(Subgradients.class);
    private static final String GENERAL_DESC = "(" + GRAPH_DESC + "I" + Type.getDescriptor(CompiledGraph.Workspace.class);

    private final NodeTable t;
    private final Set<Integer> ints = new HashSet<>();
    private final Set<Long> doubles = new HashSet<>();
    private MethodVisitor mv;
    private Block block;
    /** The nest whose body is being emitted, or null. */
    private Nest nest;

    NodeEmitter(NodeTable t) {
        this.t = t;
    }

    /** Starts a chunk method: loads the workspace's arrays into locals. */
    void begin(MethodVisitor mv) {
        this.mv = mv;
        loadField("inputs", "[D", INPUTS);
        loadField("values", "[D", VALUES);
        loadField("adjoints", "[D", ADJOINTS);
        loadField("policy", POLICY_DESC, POLICY);
        loadField("graph", GRAPH_DESC, GRAPH);
    }

    /** Continues writing into a method begun earlier (after writing another one). */
    void resume(MethodVisitor mv) {
        this.mv = mv;
    }

    private void loadField(String name, String desc, int local) {
        mv.visitVarInsn(ALOAD, WORKSPACE);
        mv.visitFieldInsn(GETFIELD, WORKSPACE_TYPE, name, desc);
        mv.visitVarInsn(ASTORE, local);
    }

    /**
     * Constant pool entries used so far by this emitter's numbers (indices beyond the range of
     * {@code sipush}, and doubles other than 0 and 1), for keeping a class under the 65535 limit.
     */
    int constantPoolEntries() {
        return ints.size() + 2 * doubles.size();
    }

    // ---------------------------------------------------------------- forward

    /** Forward sweep of a block: its nodes in order, in a loop over the copies of a repeat. */
    void forward(Block b) {
        forward(null, b);
    }

    /** Forward sweep of a block of a nest's body, for the nest's copy {@code r} (the method's parameter). */
    void forward(Nest n, Block b) {
        nest = n;
        block = b;
        if (!b.isRepeat()) {
            forwardNode(0);
            return;
        }
        Label body = new Label();
        Label test = new Label();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        for (int j = 0; j < b.period(); j++) {
            forwardNode(j);
        }
        mv.visitIincInsn(COPY, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        pushInt(b.count());
        mv.visitJumpInsn(IF_ICMPLT, body);
    }

    /** {@code v[i] = value}, for template node j. */
    private void forwardNode(int j) {
        int u = block.start() + j;
        Primitive p = Primitives.byCode(t.op[u]);
        mv.visitVarInsn(ALOAD, VALUES);
        pushNodeIndex(j);
        switch (p.kind()) {
            case INPUT -> {
                mv.visitVarInsn(ALOAD, INPUTS);
                pushAffine((int) t.param[u], block.isRepeat() ? block.paramStride()[j] : 0,
                        nest == null ? 0 : block.outerParamStride()[j]);
                mv.visitInsn(DALOAD);
            }
            case CONSTANT -> pushDouble(t.param[u]);
            default -> value(p, j, u);
        }
        mv.visitInsn(DASTORE);
    }

    private void value(Primitive p, int j, int u) {
        if (p == Arithmetic.ADD || p == Arithmetic.SUB || p == Arithmetic.MUL || p == Arithmetic.DIV) {
            loadArg(j, 0);
            loadArg(j, 1);
            mv.visitInsn(p == Arithmetic.ADD ? DADD : p == Arithmetic.SUB ? DSUB : p == Arithmetic.MUL ? DMUL : DDIV);
        } else if (p == Arithmetic.NEG) {
            loadArg(j, 0);
            mv.visitInsn(DNEG);
        } else if (p == Arithmetic.SQUARE) {
            loadArg(j, 0);
            mv.visitInsn(DUP2);
            mv.visitInsn(DMUL);
        } else if (mathFunction(p) != null) {
            loadArg(j, 0);
            callMath(mathFunction(p));
        } else if (p == Comparisons.SELECT) {
            loadArg(j, 0);
            ifNonZero(() -> loadArg(j, 1), () -> loadArg(j, 2));
        } else if (p.kind() == Primitive.Kind.UNARY) {
            loadPrimitive(p, UnaryPrimitive.class);
            loadArg(j, 0);
            pushDouble(t.param[u]);
            mv.visitVarInsn(ALOAD, POLICY);
            callRule(UnaryPrimitive.class, "apply", "(DD" + POLICY_DESC + ")D");
        } else if (p.kind() == Primitive.Kind.BINARY) {
            loadPrimitive(p, BinaryPrimitive.class);
            loadArg(j, 0);
            loadArg(j, 1);
            mv.visitVarInsn(ALOAD, POLICY);
            callRule(BinaryPrimitive.class, "apply", "(DD" + POLICY_DESC + ")D");
        } else {
            mv.visitVarInsn(ALOAD, GRAPH);
            pushNodeIndex(j);
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitMethodInsn(INVOKESTATIC, CALLS, "applyGeneral", GENERAL_DESC + ")D", false);
        }
    }

    /** The {@code java.lang.Math} method a primitive is, or null. */
    private static String mathFunction(Primitive p) {
        return p == Elementary.EXP ? "exp" : p == Elementary.LOG ? "log" : p == Elementary.SIN ? "sin"
                : p == Elementary.COS ? "cos" : p == Elementary.TANH ? "tanh" : p == Elementary.SQRT ? "sqrt" : null;
    }

    // ---------------------------------------------------------------- backward

    /** Reverse sweep of a block: its nodes in reverse order, copies from last to first. */
    void backward(Block b) {
        backward(null, b);
    }

    /** Reverse sweep of a block of a nest's body, for the nest's copy {@code r}. */
    void backward(Nest n, Block b) {
        nest = n;
        block = b;
        if (!b.isRepeat()) {
            backwardNode(0);
            return;
        }
        // k from count − 1 down to 0 and j from period − 1 down to 0 visit the nodes in exactly
        // the interpreter's reverse order, so each adjoint sums its terms in the same order
        Label body = new Label();
        Label test = new Label();
        pushInt(b.count() - 1);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        for (int j = b.period() - 1; j >= 0; j--) {
            backwardNode(j);
        }
        mv.visitIincInsn(COPY, -1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        mv.visitJumpInsn(IFGE, body);
    }

    /** {@code gi = g[i]; if (gi != 0) { g[arg] += gi · partial … }} for template node j. */
    private void backwardNode(int j) {
        int u = block.start() + j;
        Primitive p = Primitives.byCode(t.op[u]);
        if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT
                || !dependsOnInput(u, block.period(), nest == null ? 0 : nest.nodeStride())) {
            return;
        }
        Label skip = new Label();
        mv.visitVarInsn(ALOAD, ADJOINTS);
        pushNodeIndex(j);
        mv.visitInsn(DALOAD);
        mv.visitInsn(DUP2);
        mv.visitVarInsn(DSTORE, ADJOINT);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, skip);
        partials(p, j, u);
        mv.visitLabel(skip);
    }

    private void partials(Primitive p, int j, int u) {
        if (p == Arithmetic.ADD) {
            addAdjoint(j, 0, null);
            addAdjoint(j, 1, null);
        } else if (p == Arithmetic.SUB) {
            addAdjoint(j, 0, null);
            subtractAdjoint(j, 1);
        } else if (p == Arithmetic.MUL) {
            addAdjoint(j, 0, () -> loadArg(j, 1));
            addAdjoint(j, 1, () -> loadArg(j, 0));
        } else if (p == Arithmetic.DIV) {
            addAdjoint(j, 0, () -> {                       // 1/b
                mv.visitInsn(DCONST_1);
                loadArg(j, 1);
                mv.visitInsn(DDIV);
            });
            addAdjoint(j, 1, () -> {                       // −y/b
                loadOwn(j);
                mv.visitInsn(DNEG);
                loadArg(j, 1);
                mv.visitInsn(DDIV);
            });
        } else if (p == Arithmetic.NEG) {
            subtractAdjoint(j, 0);
        } else if (p == Arithmetic.SQUARE) {
            addAdjoint(j, 0, () -> {                       // 2x
                pushDouble(2.0);
                loadArg(j, 0);
                mv.visitInsn(DMUL);
            });
        } else if (p == Elementary.EXP) {
            addAdjoint(j, 0, () -> loadOwn(j));            // y
        } else if (p == Elementary.LOG) {
            addAdjoint(j, 0, () -> {                       // 1/x
                mv.visitInsn(DCONST_1);
                loadArg(j, 0);
                mv.visitInsn(DDIV);
            });
        } else if (p == Elementary.SIN) {
            addAdjoint(j, 0, () -> {                       // cos x
                loadArg(j, 0);
                callMath("cos");
            });
        } else if (p == Elementary.COS) {
            addAdjoint(j, 0, () -> {                       // −sin x
                loadArg(j, 0);
                callMath("sin");
                mv.visitInsn(DNEG);
            });
        } else if (p == Elementary.TANH) {
            addAdjoint(j, 0, () -> {                       // 1 − y²
                mv.visitInsn(DCONST_1);
                loadOwn(j);
                loadOwn(j);
                mv.visitInsn(DMUL);
                mv.visitInsn(DSUB);
            });
        } else if (p == Elementary.SQRT) {
            addAdjoint(j, 0, () -> {                       // 0.5/y
                pushDouble(0.5);
                loadOwn(j);
                mv.visitInsn(DDIV);
            });
        } else if (p == Comparisons.SELECT) {
            // the interpreter's general rule: ∂/∂c = 0, ∂/∂a = [c ≠ 0], ∂/∂b = [c = 0]
            addAdjoint(j, 0, () -> mv.visitInsn(DCONST_0));
            addAdjoint(j, 1, () -> {
                loadArg(j, 0);
                ifNonZero(() -> mv.visitInsn(DCONST_1), () -> mv.visitInsn(DCONST_0));
            });
            addAdjoint(j, 2, () -> {
                loadArg(j, 0);
                ifNonZero(() -> mv.visitInsn(DCONST_0), () -> mv.visitInsn(DCONST_1));
            });
        } else if (p.kind() == Primitive.Kind.UNARY) {
            addAdjoint(j, 0, () -> {                       // p.derivative(x, y, param, policy)
                loadPrimitive(p, UnaryPrimitive.class);
                loadArg(j, 0);
                loadOwn(j);
                pushDouble(t.param[u]);
                mv.visitVarInsn(ALOAD, POLICY);
                callRule(UnaryPrimitive.class, "derivative", "(DDD" + POLICY_DESC + ")D");
            });
        } else if (p.kind() == Primitive.Kind.BINARY) {
            addAdjoint(j, 0, () -> binaryPartial(p, j, "partialA"));
            addAdjoint(j, 1, () -> binaryPartial(p, j, "partialB"));
        } else {
            mv.visitVarInsn(ALOAD, GRAPH);
            pushNodeIndex(j);
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitMethodInsn(INVOKESTATIC, CALLS, "backwardGeneral", GENERAL_DESC + ")V", false);
        }
    }

    private void binaryPartial(Primitive p, int j, String name) {
        loadPrimitive(p, BinaryPrimitive.class);
        loadArg(j, 0);
        loadArg(j, 1);
        loadOwn(j);
        mv.visitVarInsn(ALOAD, POLICY);
        callRule(BinaryPrimitive.class, name, "(DDD" + POLICY_DESC + ")D");
    }

    /**
     * True when node {@code base + k·stride + r·outer} depends on an input in some copy k of the
     * block (and r of the nest): otherwise its adjoint is never needed (see
     * {@link NodeTable#dependsOnInput}).
     */
    private boolean dependsOnInput(int base, int stride, int outer) {
        for (int r = 0, copies = nest == null ? 1 : nest.count(); r < copies; r++) {
            for (int k = 0; k < block.count(); k++) {
                if (t.dependsOnInput[base + k * stride + r * outer]) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean argDependsOnInput(int j, int a) {
        return dependsOnInput(t.arg(block.start() + j, a), argStride(j, a), outerArgStride(j, a));
    }

    /** {@code g[arg_a] = g[arg_a] + gi · factor} (just {@code + gi} when factor is null). */
    private void addAdjoint(int j, int a, Runnable factor) {
        if (!argDependsOnInput(j, a)) {
            return;
        }
        mv.visitVarInsn(ALOAD, ADJOINTS);
        pushArgIndex(j, a);
        mv.visitInsn(DUP2);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DLOAD, ADJOINT);
        if (factor != null) {
            factor.run();
            mv.visitInsn(DMUL);
        }
        mv.visitInsn(DADD);
        mv.visitInsn(DASTORE);
    }

    /** {@code g[arg_a] = g[arg_a] − gi} (a partial of −1). */
    private void subtractAdjoint(int j, int a) {
        if (!argDependsOnInput(j, a)) {
            return;
        }
        mv.visitVarInsn(ALOAD, ADJOINTS);
        pushArgIndex(j, a);
        mv.visitInsn(DUP2);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DLOAD, ADJOINT);
        mv.visitInsn(DSUB);
        mv.visitInsn(DASTORE);
    }

    // ---------------------------------------------------------------- operands

    /** Leaves a double on the stack: {@code whenTrue} if the double on the stack is ≠ 0 (or NaN). */
    private void ifNonZero(Runnable whenTrue, Runnable whenFalse) {
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

    private void loadArg(int j, int a) {
        mv.visitVarInsn(ALOAD, VALUES);
        pushArgIndex(j, a);
        mv.visitInsn(DALOAD);
    }

    private void loadOwn(int j) {
        mv.visitVarInsn(ALOAD, VALUES);
        pushNodeIndex(j);
        mv.visitInsn(DALOAD);
    }

    private void pushNodeIndex(int j) {
        pushAffine(block.start() + j, block.period(), nest == null ? 0 : nest.nodeStride());
    }

    private void pushArgIndex(int j, int a) {
        pushAffine(t.arg(block.start() + j, a), argStride(j, a), outerArgStride(j, a));
    }

    private int argStride(int j, int a) {
        int u = block.start() + j;
        return block.isRepeat() ? block.argStride()[t.argStart[u] - t.argStart[block.start()] + a] : 0;
    }

    private int outerArgStride(int j, int a) {
        int u = block.start() + j;
        return nest == null ? 0 : block.outerArgStride()[t.argStart[u] - t.argStart[block.start()] + a];
    }

    /**
     * {@code base + r·outer + k·stride}: r is the nest's copy (the method parameter), k the
     * repeat's copy; each term only where it applies.
     */
    private void pushAffine(int base, int stride, int outer) {
        pushInt(base);
        if (nest != null && outer != 0) {
            mv.visitVarInsn(ILOAD, OUTER);
            if (outer != 1) {
                pushInt(outer);
                mv.visitInsn(IMUL);
            }
            mv.visitInsn(IADD);
        }
        if (block.isRepeat() && stride != 0) {
            mv.visitVarInsn(ILOAD, COPY);
            if (stride != 1) {
                pushInt(stride);
                mv.visitInsn(IMUL);
            }
            mv.visitInsn(IADD);
        }
    }

    /**
     * The loop of a nest over its copies r, calling the methods of its body with r: ascending
     * for the forward sweep, descending for the backward sweep.
     */
    void nestLoop(Nest n, String owner, String desc, List<String> methods, boolean ascending) {
        Label body = new Label();
        Label test = new Label();
        pushInt(ascending ? 0 : n.count() - 1);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        for (String m : methods) {
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitVarInsn(ILOAD, COPY);
            mv.visitMethodInsn(INVOKESTATIC, owner, m, desc, false);
        }
        mv.visitIincInsn(COPY, ascending ? 1 : -1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        if (ascending) {
            pushInt(n.count());
            mv.visitJumpInsn(IF_ICMPLT, body);
        } else {
            mv.visitJumpInsn(IFGE, body);
        }
    }

    private void pushInt(int c) {
        if (c >= -1 && c <= 5) {
            mv.visitInsn(ICONST_0 + c);
        } else if (c >= Byte.MIN_VALUE && c <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, c);
        } else if (c >= Short.MIN_VALUE && c <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, c);
        } else {
            ints.add(c);
            mv.visitLdcInsn(c);
        }
    }

    private void pushDouble(double c) {
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

    private void callMath(String name) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", name, "(D)D", false);
    }

    private void callRule(Class<?> owner, String name, String desc) {
        mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(owner), name, desc, false);
    }

    /** Pushes the primitive object, typed as {@code as}: from its static field when there is one. */
    private void loadPrimitive(Primitive p, Class<?> as) {
        Field f = PrimitiveFields.of(p);
        if (f != null) {
            mv.visitFieldInsn(GETSTATIC, Type.getInternalName(f.getDeclaringClass()), f.getName(),
                    Type.getDescriptor(f.getType()));
            if (!as.isAssignableFrom(f.getType())) {
                mv.visitTypeInsn(CHECKCAST, Type.getInternalName(as));
            }
        } else {
            pushInt(p.code());
            mv.visitMethodInsn(INVOKESTATIC, CALLS, "primitive", "(I)" + Type.getDescriptor(Primitive.class), false);
            mv.visitTypeInsn(CHECKCAST, Type.getInternalName(as));
        }
    }
}
