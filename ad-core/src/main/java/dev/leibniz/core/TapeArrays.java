package dev.leibniz.core;

import dev.leibniz.core.compile.internal.TapeSweep;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorConstant;

/**
 * The tape of a {@link GraphBuilder}: its primitive arrays in the two layouts, appending a node to
 * either, growing them, and converting a compact tape to the general layout.
 *
 * <p>The general layout (graphs, tracing, anomaly detection): per node an int op code
 * {@code op[i]} and an offset {@code argStart[i]} into the shared argument pool {@code argPool},
 * inputs and constants holding a constant-pool slot; 24 bytes for a recorded binary operation.
 * The compact layout (recordings, described in {@link TapeSweep}): a one-byte op code
 * {@code ops8[i]} whose primitive implies how many slots follow, no argument offset, no slot for
 * inputs and constants; 17 bytes for a binary operation, 13 for a unary one (issue 14: ≤ 16 per
 * operation on the Rosenbrock workload). A matrix operation is one compact entry like any other
 * (op code and operand node indices); its value lives in the {@link ShapeTable} as a flat
 * {@code double[]}. A recording is converted once to the general layout when it is built into a
 * {@link Graph} or swept with anomaly detection ({@link #expand()}).
 *
 * <p>The {@code Var} fast path appends through {@link #tape1}/{@link #tape2}: they are kept small
 * (growth out of line) so that HotSpot inlines them into each {@code Var} method.
 */
abstract class TapeArrays {
    final boolean recording;

    int size;
    int[] op = new int[64];
    int[] argStart = new int[65];
    int[] argPool = new int[128];
    double[] constPool = new double[16];
    int constCount;
    double[] values;

    /**
     * True while a recording keeps the compact layout of {@link TapeSweep} (a one-byte op code per
     * node in {@link #ops8}, slots in {@link #argPool} up to {@link #slotEnd}, no argument offsets,
     * no slot for inputs and constants). A {@link GraphBuilder#build}, or anomaly detection, converts
     * it once to the general layout ({@link #expand()}).
     */
    boolean compact;
    /**
     * True while the recording is compact and every node so far is a scalar: the test of the
     * {@code Var} fast path ({@code GraphBuilder.apply1}/{@code apply2}). A matrix keeps the tape
     * compact but sends every later operation through {@code GraphBuilder.applyIds}, which infers
     * and checks shapes.
     */
    boolean fast;
    byte[] ops8;
    int slotEnd;
    /** Every op code fits a byte (else recordings use the general layout). */
    static final boolean CODES_FIT_A_BYTE = Primitives.all().size() <= 256;
    /** Shapes and matrix values; inactive while every node is scalar. */
    final ShapeTable shapes;

    TapeArrays(boolean recording, Subgradients policy) {
        this.recording = recording;
        this.values = recording ? new double[64] : null;
        this.compact = recording && CODES_FIT_A_BYTE;
        this.fast = compact;
        this.ops8 = compact ? new byte[64] : null;
        this.shapes = new ShapeTable(recording, policy, this);
    }

    /** Appends a unary node with its value to the compact tape. */
    final int tape1(int code, boolean hasParam, double param, int ia, double y) {
        int id = size;
        int s = slotEnd;
        if (id == ops8.length || s + 2 > argPool.length) {
            growCompact(2);
        }
        ops8[id] = (byte) code;
        argPool[s] = ia;
        if (hasParam) {
            argPool[s + 1] = addConst(param);
            slotEnd = s + 2;
        } else {
            slotEnd = s + 1;
        }
        values[id] = y;
        size = id + 1;
        return id;
    }

    /** Appends a binary node with its value to the compact tape. */
    final int tape2(int code, int ia, int ib, double y) {
        int id = size;
        int s = slotEnd;
        if (id == ops8.length || s + 2 > argPool.length) {
            growCompact(2);
        }
        ops8[id] = (byte) code;
        argPool[s] = ia;
        argPool[s + 1] = ib;
        slotEnd = s + 2;
        values[id] = y;
        size = id + 1;
        return id;
    }

    /** Appends an input or constant to the compact tape (no slot: its value is the node's value). */
    final int leaf(int code) {
        if (size == ops8.length) {
            growCompact(0);
        }
        ops8[size] = (byte) code;
        return size++;
    }

    /**
     * Appends a node of any arity to the compact tape: its arguments and parameter, framed by
     * their count unless the op code implies it ({@link TapeSweep#fixedSlots}).
     */
    final int tapeN(Primitive p, double param, int[] ids, int n, double y) {
        boolean fixed = TapeSweep.fixedSlots(p);
        int slots = n + (p.hasParam() ? 1 : 0) + (fixed ? 0 : 2);
        if (size == ops8.length || slotEnd + slots > argPool.length) {
            growCompact(slots);
        }
        int s = slotEnd;
        if (!fixed) {
            argPool[s++] = n;
        }
        System.arraycopy(ids, 0, argPool, s, n);
        s += n;
        if (p.hasParam()) {
            argPool[s++] = addConst(param);
        }
        if (!fixed) {
            argPool[s++] = n;
        }
        slotEnd = s;
        int id = size++;
        ops8[id] = (byte) p.code();
        values[id] = y;
        return id;
    }

    /** Room for one more compact node of {@code slots} slots. */
    final void growCompact(int slots) {
        if (size == ops8.length) {
            int cap = 2 * ops8.length;
            ops8 = java.util.Arrays.copyOf(ops8, cap);
            if (values.length < cap) {
                values = java.util.Arrays.copyOf(values, cap);
            }
            shapes.grow(cap);
        }
        if (slotEnd + slots > argPool.length) {
            argPool = java.util.Arrays.copyOf(argPool, Math.max(2 * argPool.length, slotEnd + slots));
        }
    }

    /**
     * Converts a compact recording to the general layout (op code and argument offset per node,
     * a constant-pool slot per input and constant), after which the recording continues in it
     * until {@link #clear()}: matrices, graphs and the reference sweeps of anomaly detection read
     * only that layout.
     */
    final void expand() {
        shapes.materializeAll();
        if (!compact) {
            return;
        }
        int n = size;
        int cap = Math.max(values.length, 64);
        int[] newOp = new int[cap];
        int[] newStart = new int[cap + 1];
        int[] pool = new int[Math.max(128, slotEnd + n)];     // at most one slot more per node
        int input = 0;
        int p = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            int code = ops8[i] & 0xff;
            newOp[i] = code;
            newStart[i] = q;
            if (code == Leaves.INPUT.code()) {
                pool[q++] = addConst(input++);
            } else if (code == Leaves.CONSTANT.code()) {
                pool[q++] = addConst(values[i]);
            } else if (code == TensorConstant.MATRIX.code()) {
                Shape ms = shapes.shapeOf(i);
                double[] mv = shapes.tensorValue(i);
                pool[q++] = addConst(TensorConstant.hash(ms.rows(), ms.cols(), mv));
                for (double v : mv) {
                    addConst(v);
                }
            } else {
                Primitive prim = Primitives.byCode(code);
                int extra = prim.hasParam() ? 1 : 0;
                if (TapeSweep.fixedSlots(prim)) {
                    int m = prim.arity() + extra;
                    System.arraycopy(argPool, p, pool, q, m);
                    p += m;
                    q += m;
                } else {
                    int m = argPool[p++] + extra;
                    System.arraycopy(argPool, p, pool, q, m);
                    p += m + 1;
                    q += m;
                }
            }
        }
        newStart[n] = q;
        op = newOp;
        argStart = newStart;
        argPool = pool;
        compact = false;
        fast = false;
        shapes.grow(cap);
    }

    /** Nodes the arrays can hold before they grow. */
    final int capacity() {
        return compact ? ops8.length : op.length;
    }

    /** Appends a recorded unary node with its value. */
    final int record1(int code, boolean hasParam, double param, int ia, double y) {
        int id = reserve(code, hasParam ? 2 : 1);
        int s = argStart[id];
        argPool[s] = ia;
        if (hasParam) {
            argPool[s + 1] = addConst(param);
        }
        values[id] = y;
        return id;
    }

    /** Appends a recorded binary node with its value. */
    final int record2(int code, int ia, int ib, double y) {
        int id = reserve(code, 2);
        int s = argStart[id];
        argPool[s] = ia;
        argPool[s + 1] = ib;
        values[id] = y;
        return id;
    }

    final int appendNode(Primitive p, double param, int nargs) {
        int extra = p.hasParam() ? 1 : 0;
        int id = reserve(p.code(), nargs + extra);
        if (extra == 1) {
            argPool[argStart[id] + nargs] = addConst(param);
        }
        return id;
    }

    final int append(int code, int nargs, double param) {
        int id = reserve(code, nargs + 1);
        argPool[argStart[id] + nargs] = addConst(param);
        return id;
    }

    final int reserve(int code, int slots) {
        if (size == op.length || argStart[size] + slots > argPool.length) {
            grow(slots);
        }
        int start = argStart[size];
        int id = size++;
        op[id] = code;
        argStart[id + 1] = start + slots;
        return id;
    }

    /** Makes room for one more node of {@code slots} argument slots (out of {@link #reserve}, so that it stays small). */
    final void grow(int slots) {
        if (size == op.length) {
            int cap = op.length * 2;
            op = java.util.Arrays.copyOf(op, cap);
            argStart = java.util.Arrays.copyOf(argStart, cap + 1);
            if (recording) {
                values = java.util.Arrays.copyOf(values, cap);
            }
            shapes.grow(cap);
        }
        int start = argStart[size];
        if (start + slots > argPool.length) {
            argPool = java.util.Arrays.copyOf(argPool, Math.max(argPool.length * 2, start + slots));
        }
    }

    final int addConst(double v) {
        if (constCount == constPool.length) {
            constPool = java.util.Arrays.copyOf(constPool, constCount * 2);
        }
        constPool[constCount] = v;
        return constCount++;
    }
}
