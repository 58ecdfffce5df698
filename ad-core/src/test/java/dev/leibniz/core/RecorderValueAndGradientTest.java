package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecorderValueAndGradientTest {

    @Test
    void allocationFreePathEqualsTheGradientAndTheClosedForm() {
        Recorder rec = new Recorder();
        double[] grad = new double[3];
        for (int round = 0; round < 3; round++) { // reuse after clear()
            rec.clear();
            double xv = 0.5 + round;
            double yv = 2.0 - round;
            Var x = rec.parameter("x", xv);
            Var y = rec.parameter("y", yv);
            rec.parameter("unused", 7.0);
            Var loss = x.mul(y).sin().add(x.square());
            double value = rec.valueAndGradient(loss, grad);
            assertEquals(Math.sin(xv * yv) + xv * xv, value, 1e-15);
            assertArrayEquals(new double[] {Math.cos(xv * yv) * yv + 2 * xv, Math.cos(xv * yv) * xv, 0.0}, grad, 1e-15);
            assertArrayEquals(rec.gradient(loss).toArray(), grad, 0.0);
        }
        assertThrows(GraphException.class, () -> rec.valueAndGradient(rec.constant(1.0), new double[2]));
    }
}
