package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each registered primitive is declared: the {@code public static final} field that holds
 * it ({@code Kinks.RELU}, …), found by looking at the public fields of the class that declares
 * (or encloses) each primitive of {@link Primitives#all()} — so a new family of primitives needs
 * no entry here. Generated code that calls a primitive's own rule loads it with {@code getstatic}
 * from that field. Why not from an array: the JIT treats a static final field as a constant of
 * one exact class, so the call {@code Kinks.RELU.apply(x, …)} binds to one known method and is
 * inlined, where a load from an array would leave a virtual call through a megamorphic site.
 */
final class PrimitiveFields {
    private PrimitiveFields() {
    }

    private static final Map<Primitive, Field> FIELDS = new IdentityHashMap<>();

    static {
        java.util.Set<Class<?>> scanned = new java.util.HashSet<>();
        for (Primitive p : Primitives.all()) {
            Class<?> c = p.getClass();
            Class<?> family = c.getEnclosingClass() != null ? c.getEnclosingClass() : c;
            while (family.getEnclosingClass() != null && !Modifier.isPublic(family.getModifiers())) {
                family = family.getEnclosingClass();
            }
            if (scanned.add(family)) {
                scan(family);
            }
        }
    }

    private static void scan(Class<?> family) {
        if (!Modifier.isPublic(family.getModifiers())) {
            return;
        }
        for (Field f : family.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && Primitive.class.isAssignableFrom(f.getType())) {
                try {
                    FIELDS.putIfAbsent((Primitive) f.get(null), f);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("public field " + f + " is not readable", e);
                }
            }
        }
    }

    /** The field declaring {@code p}, or null for a primitive declared elsewhere. */
    static Field of(Primitive p) {
        return FIELDS.get(p);
    }
}
