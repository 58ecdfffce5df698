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
import java.util.List;
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
    private final Operands o;
    private MethodVisitor mv;
    private Block block;
    /** The nest whose body is being emitted, or null. */
    private Nest nest;

    NodeEmitter(NodeTable t) {
        this.t = t;
        this.o = new Operands(t);
    }

    /** Starts a chunk method: loads the workspace's arrays into locals. */
    void begin(MethodVisitor mv) {
        resume(mv);
        loadField("inputs", "[D", INPUTS);
        loadField("values", "[D", VALUES);
        loadField("adjoints", "[D", ADJOINTS);
        loadField("policy", POLICY_DESC, POLICY);
        loadField("graph", GRAPH_DESC, GRAPH);
    }

    /** Continues writing into a method begun earlier (after writing another one). */
    void resume(MethodVisitor mv) {
        this.mv = mv;
        o.writeTo(mv);
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
        return o.constantPoolEntries();
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
        o.enter(n, b);
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
        o.pushInt(b.count());
        mv.visitJumpInsn(IF_ICMPLT, body);
    }

    /** {@code v[i] = value}, for template node j. */
    private void forwardNode(int j) {
        int u = block.start() + j;
        Primitive p = Primitives.byCode(t.op[u]);
        mv.visitVarInsn(ALOAD, VALUES);
        o.pushNodeIndex(j);
        switch (p.kind()) {
            case INPUT -> {
                mv.visitVarInsn(ALOAD, INPUTS);
                o.pushAffine((int) t.param[u], block.isRepeat() ? block.paramStride()[j] : 0,
                        nest == null ? 0 : block.outerParamStride()[j]);
                mv.visitInsn(DALOAD);
            }
            case CONSTANT -> o.pushDouble(t.param[u]);
            default -> value(p, j, u);
        }
        mv.visitInsn(DASTORE);
    }

    private void value(Primitive p, int j, int u) {
        if (p == Arithmetic.ADD || p == Arithmetic.SUB || p == Arithmetic.MUL || p == Arithmetic.DIV) {
            o.loadArg(j, 0);
            o.loadArg(j, 1);
            mv.visitInsn(p == Arithmetic.ADD ? DADD : p == Arithmetic.SUB ? DSUB : p == Arithmetic.MUL ? DMUL : DDIV);
        } else if (p == Arithmetic.NEG) {
            o.loadArg(j, 0);
            mv.visitInsn(DNEG);
        } else if (p == Arithmetic.SQUARE) {
            o.loadArg(j, 0);
            mv.visitInsn(DUP2);
            mv.visitInsn(DMUL);
        } else if (mathFunction(p) != null) {
            o.loadArg(j, 0);
            o.callMath(mathFunction(p));
        } else if (p == Comparisons.SELECT) {
            o.loadArg(j, 0);
            o.ifNonZero(() -> o.loadArg(j, 1), () -> o.loadArg(j, 2));
        } else if (p.kind() == Primitive.Kind.UNARY) {
            o.loadPrimitive(p, UnaryPrimitive.class);
            o.loadArg(j, 0);
            o.pushDouble(t.param[u]);
            mv.visitVarInsn(ALOAD, POLICY);
            o.callRule(UnaryPrimitive.class, "apply", "(DD" + POLICY_DESC + ")D");
        } else if (p.kind() == Primitive.Kind.BINARY) {
            o.loadPrimitive(p, BinaryPrimitive.class);
            o.loadArg(j, 0);
            o.loadArg(j, 1);
            mv.visitVarInsn(ALOAD, POLICY);
            o.callRule(BinaryPrimitive.class, "apply", "(DD" + POLICY_DESC + ")D");
        } else {
            mv.visitVarInsn(ALOAD, GRAPH);
            o.pushNodeIndex(j);
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
        o.enter(n, b);
        if (!b.isRepeat()) {
            backwardNode(0);
            return;
        }
        // k from count − 1 down to 0 and j from period − 1 down to 0 visit the nodes in exactly
        // the interpreter's reverse order, so each adjoint sums its terms in the same order
        Label body = new Label();
        Label test = new Label();
        o.pushInt(b.count() - 1);
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
                || !o.dependsOnInput(u, block.period(), nest == null ? 0 : nest.nodeStride())) {
            return;
        }
        Label skip = new Label();
        mv.visitVarInsn(ALOAD, ADJOINTS);
        o.pushNodeIndex(j);
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
            addAdjoint(j, 0, () -> o.loadArg(j, 1));
            addAdjoint(j, 1, () -> o.loadArg(j, 0));
        } else if (p == Arithmetic.DIV) {
            addAdjoint(j, 0, () -> {                       // 1/b
                mv.visitInsn(DCONST_1);
                o.loadArg(j, 1);
                mv.visitInsn(DDIV);
            });
            addAdjoint(j, 1, () -> {                       // −y/b
                o.loadOwn(j);
                mv.visitInsn(DNEG);
                o.loadArg(j, 1);
                mv.visitInsn(DDIV);
            });
        } else if (p == Arithmetic.NEG) {
            subtractAdjoint(j, 0);
        } else if (p == Arithmetic.SQUARE) {
            addAdjoint(j, 0, () -> {                       // 2x
                o.pushDouble(2.0);
                o.loadArg(j, 0);
                mv.visitInsn(DMUL);
            });
        } else if (p == Elementary.EXP) {
            addAdjoint(j, 0, () -> o.loadOwn(j));            // y
        } else if (p == Elementary.LOG) {
            addAdjoint(j, 0, () -> {                       // 1/x
                mv.visitInsn(DCONST_1);
                o.loadArg(j, 0);
                mv.visitInsn(DDIV);
            });
        } else if (p == Elementary.SIN) {
            addAdjoint(j, 0, () -> {                       // cos x
                o.loadArg(j, 0);
                o.callMath("cos");
            });
        } else if (p == Elementary.COS) {
            addAdjoint(j, 0, () -> {                       // −sin x
                o.loadArg(j, 0);
                o.callMath("sin");
                mv.visitInsn(DNEG);
            });
        } else if (p == Elementary.TANH) {
            addAdjoint(j, 0, () -> {                       // 1 − y²
                mv.visitInsn(DCONST_1);
                o.loadOwn(j);
                o.loadOwn(j);
                mv.visitInsn(DMUL);
                mv.visitInsn(DSUB);
            });
        } else if (p == Elementary.SQRT) {
            addAdjoint(j, 0, () -> {                       // 0.5/y
                o.pushDouble(0.5);
                o.loadOwn(j);
                mv.visitInsn(DDIV);
            });
        } else if (p == Comparisons.SELECT) {
            // the interpreter's general rule: ∂/∂c = 0, ∂/∂a = [c ≠ 0], ∂/∂b = [c = 0]
            addAdjoint(j, 0, () -> mv.visitInsn(DCONST_0));
            addAdjoint(j, 1, () -> {
                o.loadArg(j, 0);
                o.ifNonZero(() -> mv.visitInsn(DCONST_1), () -> mv.visitInsn(DCONST_0));
            });
            addAdjoint(j, 2, () -> {
                o.loadArg(j, 0);
                o.ifNonZero(() -> mv.visitInsn(DCONST_0), () -> mv.visitInsn(DCONST_1));
            });
        } else if (p.kind() == Primitive.Kind.UNARY) {
            addAdjoint(j, 0, () -> {                       // p.derivative(x, y, param, policy)
                o.loadPrimitive(p, UnaryPrimitive.class);
                o.loadArg(j, 0);
                o.loadOwn(j);
                o.pushDouble(t.param[u]);
                mv.visitVarInsn(ALOAD, POLICY);
                o.callRule(UnaryPrimitive.class, "derivative", "(DDD" + POLICY_DESC + ")D");
            });
        } else if (p.kind() == Primitive.Kind.BINARY) {
            addAdjoint(j, 0, () -> binaryPartial(p, j, "partialA"));
            addAdjoint(j, 1, () -> binaryPartial(p, j, "partialB"));
        } else {
            mv.visitVarInsn(ALOAD, GRAPH);
            o.pushNodeIndex(j);
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitMethodInsn(INVOKESTATIC, CALLS, "backwardGeneral", GENERAL_DESC + ")V", false);
        }
    }

    private void binaryPartial(Primitive p, int j, String name) {
        o.loadPrimitive(p, BinaryPrimitive.class);
        o.loadArg(j, 0);
        o.loadArg(j, 1);
        o.loadOwn(j);
        mv.visitVarInsn(ALOAD, POLICY);
        o.callRule(BinaryPrimitive.class, name, "(DDD" + POLICY_DESC + ")D");
    }

    /** {@code g[arg_a] = g[arg_a] + gi · factor} (just {@code + gi} when factor is null). */
    private void addAdjoint(int j, int a, Runnable factor) {
        if (!o.argDependsOnInput(j, a)) {
            return;
        }
        mv.visitVarInsn(ALOAD, ADJOINTS);
        o.pushArgIndex(j, a);
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
        if (!o.argDependsOnInput(j, a)) {
            return;
        }
        mv.visitVarInsn(ALOAD, ADJOINTS);
        o.pushArgIndex(j, a);
        mv.visitInsn(DUP2);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DLOAD, ADJOINT);
        mv.visitInsn(DSUB);
        mv.visitInsn(DASTORE);
    }

    /**
     * The loop of a nest over its copies r, calling the methods of its body with r: ascending
     * for the forward sweep, descending for the backward sweep.
     */
    void nestLoop(Nest n, String owner, String desc, List<String> methods, boolean ascending) {
        Label body = new Label();
        Label test = new Label();
        o.pushInt(ascending ? 0 : n.count() - 1);
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
            o.pushInt(n.count());
            mv.visitJumpInsn(IF_ICMPLT, body);
        } else {
            mv.visitJumpInsn(IFGE, body);
        }
    }
}
