package dev.leibniz.core.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Gradient;

/** Bit-for-bit equality of two gradients (value, every component, presence). */
final class GradientsAgree {
    private GradientsAgree() {
    }

    static void assertBitwiseEqual(Gradient expected, Gradient actual, String what) {
        assertEquals(Double.doubleToLongBits(expected.value()), Double.doubleToLongBits(actual.value()),
                what + ": value " + expected.value() + " vs " + actual.value());
        assertArrayEquals(expected.presence(), actual.presence(), what + ": presence");
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(Double.doubleToLongBits(expected.get(k)), Double.doubleToLongBits(actual.get(k)),
                    what + ": d/d" + expected.name(k) + " " + expected.get(k) + " vs " + actual.get(k));
        }
    }
}
