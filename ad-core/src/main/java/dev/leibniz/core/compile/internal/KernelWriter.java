package dev.leibniz.core.compile.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes one generated {@link Kernel} class for a range of regions and defines it as a hidden
 * class. The class holds chunk methods {@code f0, f1, …} (forward) and {@code b0, b1, …}
 * (backward), each {@code static void (Workspace, int r)}, and {@code forward}/{@code backward}
 * methods that call them in order with r = 0. The body of a {@link Nest} gets methods of its own
 * ({@code nf…}, {@code nb…}), called with r = 0, 1, … by the nest's loop in a chunk.
 *
 * <p>Size limits, and why: HotSpot does not JIT-compile a method of more than 8000 bytes of
 * bytecode ({@code -XX:-DontCompileHugeMethods} is the default), so a chunk is closed once it
 * reaches {@value #CHUNK_BYTES} bytes (its last block adds at most a few kilobytes: a repeat's
 * template has at most {@value RepeatFinder#MAX_PERIOD} nodes). A class file has at most 65535
 * constant pool entries, and every array index above 32767 is one of them, so a class stops
 * taking blocks once its numbers use {@value #CONSTANTS_PER_CLASS} entries; the next blocks go to
 * a new class. The dispatch methods call at most {@value #CALLS_PER_DISPATCHER} chunks each (a
 * call is 5 bytes), through a second level of dispatchers when there are more.
 */
public final class KernelWriter implements Opcodes {
    static final int CHUNK_BYTES = 3000;
    static final int CONSTANTS_PER_CLASS = 40_000;
    static final int CALLS_PER_DISPATCHER = 1000;

    private static final String NAME = Type.getInternalName(Kernel.class) + "Generated";
    private static final String CHUNK_DESC = "(L" + NodeEmitter.WORKSPACE_TYPE + ";I)V";

    private final ClassWriter cw;
    private final NodeEmitter emitter;
    private final List<String> forwardChunks = new ArrayList<>();
    private final List<String> leanChunks = new ArrayList<>();
    private final List<String> backwardChunks = new ArrayList<>();
    private int nestMethods;
    private int largestChunk;

    public KernelWriter(NodeTable t, CopyLocals locals, int firstDirectInput, int inputCount) {
        cw = GeneratedClasses.subclass(NAME, Type.getInternalName(Kernel.class));
        emitter = new NodeEmitter(t, locals, firstDirectInput, inputCount);
        emitter.methods(new NodeEmitter.Methods() {
            @Override
            public MethodVisitor open(String name, String desc) {
                nestMethods++;
                MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, desc, null, null);
                mv.visitCode();
                return mv;
            }

            @Override
            public void close(MethodVisitor mv) {
                largestChunk = Math.max(largestChunk, offset(mv));
                mv.visitMaxs(0, 0);
                mv.visitEnd();
            }

            @Override
            public String owner() {
                return NAME;
            }
        });
    }

    /** Writes {@code b} as a fused reduction (see {@link FusedReduction}). */
    public void fuse(Block b, int sum) {
        emitter.fuse(b, sum);
    }

    /**
     * Emits the forward sweep of {@code regions[from…)} until the class is full; returns the end
     * of the range taken (at least {@code from + 1}).
     */
    public int forward(List<Region> regions, int from) {
        int i = from;
        while (i < regions.size() && !full()) {
            MethodVisitor mv = openChunk("f" + forwardChunks.size(), forwardChunks);
            while (i < regions.size() && offset(mv) < CHUNK_BYTES && !full()) {
                Region r = regions.get(i++);
                if (r instanceof Block b) {
                    emitter.forward(b);
                } else {
                    nestForward((Nest) r, mv);
                }
            }
            closeChunk(mv);
        }
        return i;
    }

    /**
     * Emits the gradient's forward sweep of {@code regions[from, to)} (the range {@link #forward}
     * took): the same code, but values local to a loop copy stay in JVM locals ({@link CopyLocals}).
     */
    public void forwardLean(List<Region> regions, int from, int to) {
        emitter.lean(true);
        int i = from;
        while (i < to) {
            MethodVisitor mv = openChunk("l" + leanChunks.size(), leanChunks);
            while (i < to && offset(mv) < CHUNK_BYTES) {
                Region r = regions.get(i++);
                if (r instanceof Block b) {
                    emitter.forward(b);
                } else {
                    nestForward((Nest) r, mv);
                }
            }
            closeChunk(mv);
        }
        emitter.lean(false);
    }

    /** Emits the backward sweep of {@code regions[from, to)}, last region first. */
    public void backward(List<Region> regions, int from, int to) {
        int i = to;
        while (i > from) {
            MethodVisitor mv = openChunk("b" + backwardChunks.size(), backwardChunks);
            int empty = offset(mv);
            while (i > from && offset(mv) < CHUNK_BYTES && fits(mv, empty, regions.get(i - 1))) {
                Region r = regions.get(--i);
                if (r instanceof Block b) {
                    emitter.backward(b);
                } else {
                    nestBackward((Nest) r, mv);
                }
            }
            closeChunk(mv);
        }
    }

    /** The nest's body as methods of (w, r), then, in {@code chunk}, the loop over r calling them. */
    private void nestForward(Nest nest, MethodVisitor chunk) {
        List<String> body = new ArrayList<>();
        List<Block> blocks = nest.body();
        int b = 0;
        while (b < blocks.size()) {
            MethodVisitor mv = openChunk("nf" + nestMethods++, body);
            while (b < blocks.size() && offset(mv) < CHUNK_BYTES) {
                emitter.forward(nest, blocks.get(b++));
            }
            closeChunk(mv);
        }
        emitter.resume(chunk);
        emitter.nestLoop(nest, NAME, CHUNK_DESC, body, true);
    }

    private void nestBackward(Nest nest, MethodVisitor chunk) {
        List<String> body = new ArrayList<>();
        List<Block> blocks = nest.body();
        int b = blocks.size();
        while (b > 0) {
            MethodVisitor mv = openChunk("nb" + nestMethods++, body);
            int empty = offset(mv);
            while (b > 0 && offset(mv) < CHUNK_BYTES && fits(mv, empty, blocks.get(b - 1))) {
                emitter.backward(nest, blocks.get(--b));
            }
            closeChunk(mv);
        }
        emitter.resume(chunk);
        emitter.nestLoop(nest, NAME, CHUNK_DESC, body, false);
    }

    /**
     * Whether the reverse code of {@code next} still fits the method below HotSpot's 8000-byte limit
     * (always, in an empty method): a repeat's reverse body is written twice (the exact code and
     * the {@link GuardedCopy guarded} one) plus the recomputation of its local values, at most
     * about {@value #BACKWARD_BYTES_PER_NODE} bytes per template node.
     */
    private static boolean fits(MethodVisitor mv, int empty, Region next) {
        int here = offset(mv);
        int estimate = next instanceof Block b ? BACKWARD_BYTES_PER_NODE * b.period() : 0;
        return here == empty || here + estimate <= METHOD_BYTES;
    }

    /** Most bytes of a chunk method, with room under HotSpot's 8000. */
    static final int METHOD_BYTES = 7200;
    /** Upper estimate of a repeat's reverse code per template node. */
    static final int BACKWARD_BYTES_PER_NODE = 350;

    private boolean full() {
        return emitter.constantPoolEntries() + 4 * forwardChunks.size() >= CONSTANTS_PER_CLASS;
    }

    private MethodVisitor openChunk(String name, List<String> chunks) {
        chunks.add(name);
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, CHUNK_DESC, null, null);
        mv.visitCode();
        emitter.begin(mv);
        return mv;
    }

    private void closeChunk(MethodVisitor mv) {
        mv.visitInsn(RETURN);
        largestChunk = Math.max(largestChunk, offset(mv));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Bytes of code written so far into the method. */
    private static int offset(MethodVisitor mv) {
        Label here = new Label();
        mv.visitLabel(here);
        return here.getOffset();
    }

    /** Chunk methods written so far. */
    public int chunks() {
        return forwardChunks.size() + leanChunks.size() + backwardChunks.size() + nestMethods;
    }

    public int largestChunkBytes() {
        return largestChunk;
    }

    /** The class file; its constant pool size is at bytes 8–9. */
    public byte[] finish() {
        dispatcher("forward", forwardChunks);
        dispatcher("forwardLean", leanChunks);
        dispatcher("backward", backwardChunks);
        cw.visitEnd();
        return cw.toByteArray();
    }

    public static int constantPoolCount(byte[] classFile) {
        return ((classFile[8] & 0xff) << 8) | (classFile[9] & 0xff);
    }

    /** {@code name(w)} calls the chunks in order, through sub-dispatchers when they are many. */
    private void dispatcher(String name, List<String> chunks) {
        List<String> callees = chunks;
        if (chunks.size() > CALLS_PER_DISPATCHER) {
            callees = new ArrayList<>();
            for (int s = 0; s * CALLS_PER_DISPATCHER < chunks.size(); s++) {
                String part = name + "Part" + s;
                staticCalls(part, ACC_PRIVATE | ACC_STATIC, chunks.subList(s * CALLS_PER_DISPATCHER,
                        Math.min(chunks.size(), (s + 1) * CALLS_PER_DISPATCHER)));
                callees.add(part);
            }
        }
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, name, "(L" + NodeEmitter.WORKSPACE_TYPE + ";)V", null, null);
        mv.visitCode();
        for (String c : callees) {
            mv.visitVarInsn(ALOAD, 1);
            mv.visitInsn(ICONST_0);
            mv.visitMethodInsn(INVOKESTATIC, NAME, c, CHUNK_DESC, false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void staticCalls(String name, int access, List<String> callees) {
        MethodVisitor mv = cw.visitMethod(access, name, CHUNK_DESC, null, null);
        mv.visitCode();
        for (String c : callees) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, NAME, c, CHUNK_DESC, false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Defines the class (hidden, unloaded with the compiled graph) and makes its instance. */
    public static Kernel define(byte[] classFile) {
        return GeneratedClasses.instantiate(classFile, Kernel.class, "the generated kernel class is invalid");
    }
}
