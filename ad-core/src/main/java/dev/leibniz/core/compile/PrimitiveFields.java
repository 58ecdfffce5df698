package dev.leibniz.core.compile;

import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Hyperbolic;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Reductions;
import dev.leibniz.core.prim.Special;
import dev.leibniz.core.prim.Trigonometric;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each primitive is declared: the {@code public static final} field that holds it
 * ({@code Kinks.RELU}, …). Generated code that calls a primitive's own rule loads it with
 * {@code getstatic} from that field. Why not from an array: the JIT treats a static final field
 * as a constant, so the call {@code Kinks.RELU.apply(x, …)} binds to one known method and is
 * inlined, where a load from an array would leave a virtual call through a megamorphic site.
 */
final class PrimitiveFields {
    private PrimitiveFields() {
    }

    private static final Map<Primitive, Field> FIELDS = new IdentityHashMap<>();

    static {
        for (Class<?> family : new Class<?>[] {Leaves.class, Arithmetic.class, Elementary.class, Kinks.class,
                Comparisons.class, Reductions.class, Trigonometric.class, Hyperbolic.class, Special.class}) {
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
    }

    /** The field declaring {@code p}, or null for a primitive declared elsewhere. */
    static Field of(Primitive p) {
        return FIELDS.get(p);
    }
}
