package dev.leibniz.forward;

import org.hipparchus.Field;

/**
 * The field of {@link Dual} numbers, as Hipparchus' field-based algorithms need it: they ask it
 * for zero and one and for the runtime class (to build arrays of duals). A singleton.
 */
public final class DualField implements Field<Dual> {
    private static final DualField INSTANCE = new DualField();
    private static final Dual ZERO = Dual.constant(0.0);
    private static final Dual ONE = Dual.constant(1.0);

    private DualField() {
    }

    public static DualField getInstance() {
        return INSTANCE;
    }

    @Override
    public Dual getZero() {
        return ZERO;
    }

    @Override
    public Dual getOne() {
        return ONE;
    }

    @Override
    public Class<Dual> getRuntimeClass() {
        return Dual.class;
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return 0x6475616c; // "dual"
    }

    @Override
    public String toString() {
        return "DualField";
    }
}
