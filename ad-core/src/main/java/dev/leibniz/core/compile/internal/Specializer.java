package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Primitive;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Makes a copy of a template class of loops ({@link UnaryLoops}, {@link BinaryLoops}) for one
 * primitive: every read of the template's placeholder field {@code P} becomes a read of the
 * primitive's own static field ({@code Elementary.TANH}, …), and the placeholder and its
 * initializer are dropped. The copy is defined as a hidden class, so each primitive's loops have
 * their own call sites, with a constant receiver the JIT inlines — the reason for copying rather
 * than sharing one loop (whose call site would see every primitive and stay a virtual call).
 */
final class Specializer implements Opcodes {
    private Specializer() {
    }

    static Lifted specialize(Class<? extends Lifted> template, Primitive p) {
        Field field = PrimitiveFields.of(p);
        String templateName = Type.getInternalName(template);
        byte[] original = bytes(template);
        ClassWriter cw = new ClassWriter(0);
        ClassVisitor bind = new ClassVisitor(ASM9, cw) {
            @Override
            public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                return name.equals("P") ? null : super.visitField(access, name, desc, sig, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                if (name.equals("<clinit>")) {
                    return null;                        // only initialized the placeholder
                }
                MethodVisitor mv = super.visitMethod(access, name, desc, sig, exceptions);
                return new MethodVisitor(ASM9, mv) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                        if (opcode == GETSTATIC && owner.equals(templateName) && fname.equals("P")) {
                            super.visitFieldInsn(GETSTATIC, Type.getInternalName(field.getDeclaringClass()),
                                    field.getName(), Type.getDescriptor(field.getType()));
                            if (!Type.getType(fdesc).getClassName().equals(field.getType().getName())) {
                                super.visitTypeInsn(CHECKCAST, Type.getType(fdesc).getInternalName());
                            }
                        } else {
                            super.visitFieldInsn(opcode, owner, fname, fdesc);
                        }
                    }
                };
            }
        };
        new ClassReader(original).accept(bind, 0);
        return GeneratedClasses.instantiate(cw.toByteArray(), Lifted.class,
                "cannot lift primitive '" + p.name() + "' to matrices");
    }

    private static byte[] bytes(Class<?> c) {
        String resource = c.getSimpleName() + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file " + resource + " not found");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
