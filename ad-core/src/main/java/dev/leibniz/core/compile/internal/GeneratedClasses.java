package dev.leibniz.core.compile.internal;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * The start and the end every code writer of this package shares: a class file for a final
 * subclass with its no-argument constructor, and its definition as a hidden class of this package
 * (unloaded with its last instance; package-private members of the writers stay reachable).
 */
final class GeneratedClasses {
    private GeneratedClasses() {
    }

    /** A writer of class {@code name} extending {@code superName}, its constructor {@code super()} written. */
    static ClassWriter subclass(String name, String superName) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // never needed: merged frames hold the same types
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, superName, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        return cw;
    }

    /** Defines {@code classFile} as a hidden class and returns its instance; {@code failure} names what was generated. */
    static <T> T instantiate(byte[] classFile, Class<T> type, String failure) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(classFile, true);
            return type.cast(lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke());
        } catch (Throwable e) {
            throw new IllegalStateException(failure + ": " + e, e);
        }
    }
}
