package dev.leibniz.core;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.Arrays;

/**
 * The tape of a dynamic recording: per operation one 64-bit word and its value, 16 bytes.
 *
 * <p>Word layout: bits 0–7 the op code, bits 8–35 field a, bits 36–63 field b (28 bits each):
 * <ul>
 *   <li>binary {@code %5 = mul %2 %3}: a = 2, b = 3;</li>
 *   <li>unary {@code %6 = powi 3 %5}: a = 5, b = index of the exponent in the constant pool
 *       (0 for a primitive without parameter);</li>
 *   <li>input: a = the input's position; constant: a = index of its value in the constant pool;</li>
 *   <li>variadic {@code logsumexp}: a = offset in the argument pool, b = number of arguments; the
 *       pool holds the arguments, then the constant-pool index of the parameter if there is one.</li>
 * </ul>
 * Why not the layout of a {@link Graph} (op code, argument offset, argument pool: 20–24 bytes
 * an operation): a recording is rebuilt on every call, so its size is memory traffic paid every
 * time. The price is a limit of 2²⁸ (268 million) operations per recording, and a conversion
 * ({@link #toNodes}) when a graph is built from it or anomalies are checked.
 */
final class RecordingTape {
    private static final int FIELD_BITS = 28;
    private static final long FIELD_MASK = (1L << FIELD_BITS) - 1;
    /** Most operations (and constants) a recording can hold. */
    static final int MAX_SIZE = 1 << FIELD_BITS;

    private static final int INPUT = dev.leibniz.core.prim.Leaves.INPUT.code();
    private static final int CONSTANT = dev.leibniz.core.prim.Leaves.CONSTANT.code();

    int size;
    long[] word = new long[64];
    double[] values = new double[64];
    double[] constPool = new double[16];
    int constCount;
    int[] argPool = new int[16];
    int argCount;

    static int op(long w) {
        return (int) (w & 0xFF);
    }

    static int fieldA(long w) {
        return (int) ((w >>> 8) & FIELD_MASK);
    }

    static int fieldB(long w) {
        return (int) (w >>> (8 + FIELD_BITS));
    }

    int input(int position, double value) {
        return append(INPUT, position, 0, value);
    }

    int constant(double c) {
        return append(CONSTANT, addConst(c), 0, c);
    }

    int unary(Primitive p, int a, double param, double value) {
        return append(p.code(), a, Engine.HAS_PARAM[p.code()] ? addConst(param) : 0, value);
    }

    int binary(Primitive p, int a, int b, double value) {
        return append(p.code(), a, b, value);
    }

    int general(Primitive p, int[] ids, int n, double param, double value) {
        int extra = Engine.HAS_PARAM[p.code()] ? 1 : 0;
        if (argCount + n + extra > argPool.length) {
            argPool = Arrays.copyOf(argPool, Math.max(2 * argPool.length, argCount + n + extra));
        }
        int offset = argCount;
        System.arraycopy(ids, 0, argPool, offset, n);
        argCount += n;
        if (extra == 1) {
            argPool[argCount++] = addConst(param);
        }
        return append(p.code(), offset, n, value);
    }

    private int append(int code, int a, int b, double value) {
        if (size == MAX_SIZE) {
            throw new GraphException("a recording holds at most " + MAX_SIZE + " operations");
        }
        if (size == word.length) {
            word = Arrays.copyOf(word, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        word[size] = code | (long) a << 8 | (long) b << (8 + FIELD_BITS);
        values[size] = value;
        return size++;
    }

    private int addConst(double c) {
        if (constCount == MAX_SIZE) {
            throw new GraphException("a recording holds at most " + MAX_SIZE + " constants");
        }
        if (constCount == constPool.length) {
            constPool = Arrays.copyOf(constPool, 2 * constCount);
        }
        constPool[constCount] = c;
        return constCount++;
    }

    /** True when node {@code id} is a constant equal to {@code c}. */
    boolean isConstant(int id, double c) {
        long w = word[id];
        return op(w) == CONSTANT && constPool[fieldA(w)] == c;
    }

    void clear() {
        size = 0;
        constCount = 0;
        argCount = 0;
    }

    /** Bytes in use: words, values, constants and the arguments of variadic operations. */
    long bytes() {
        return 16L * size + 8L * constCount + 4L * argCount;
    }

    /** The recording in the layout of a {@link Graph} (for building one, and for the reference loops). */
    Engine.Nodes toNodes() {
        int[] op = new int[size];
        int[] argStart = new int[size + 1];
        int slots = 0;
        int inputs = 0;
        for (int i = 0; i < size; i++) {
            slots += slotCount(word[i]);
            inputs += op(word[i]) == INPUT ? 1 : 0;
        }
        int[] args = new int[slots];
        // a graph keeps an input's position in the constant pool: after the recording's constants
        double[] pool = Arrays.copyOf(constPool, constCount + inputs);
        int positions = constCount;
        int s = 0;
        for (int i = 0; i < size; i++) {
            long w = word[i];
            int code = op(w);
            Primitive p = Primitives.byCode(code);
            op[i] = code;
            argStart[i] = s;
            switch (p.kind()) {
                case INPUT -> {
                    pool[positions] = fieldA(w);
                    args[s++] = positions++;
                }
                case CONSTANT -> args[s++] = fieldA(w);
                case UNARY -> {
                    args[s++] = fieldA(w);
                    if (Engine.HAS_PARAM[code]) {
                        args[s++] = fieldB(w);
                    }
                }
                case BINARY -> {
                    args[s++] = fieldA(w);
                    args[s++] = fieldB(w);
                }
                default -> {
                    int n = fieldB(w) + (Engine.HAS_PARAM[code] ? 1 : 0);
                    System.arraycopy(argPool, fieldA(w), args, s, n);
                    s += n;
                }
            }
        }
        argStart[size] = s;
        return new Engine.Nodes(size, op, argStart, args, pool);
    }

    private int slotCount(long w) {
        int code = op(w);
        return switch (Primitives.byCode(code).kind()) {
            case INPUT, CONSTANT -> 1;
            case UNARY -> Engine.HAS_PARAM[code] ? 2 : 1;
            case BINARY -> 2;
            default -> fieldB(w) + (Engine.HAS_PARAM[code] ? 1 : 0);
        };
    }
}
