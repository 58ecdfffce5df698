package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A recorder reused across recordings (the tape and the table of declared names are kept by
 * {@code clear()}): the duplicate-name check still holds within one recording and forgets the
 * names of the previous one; gradients of a reused recorder equal a fresh recorder's and the
 * closed form.
 */
class RecorderReuseTest {

    @Test
    void aNameDeclaredTwiceInOneRecordingIsAnErrorButNotAcrossRecordings() {
        Recorder rec = new Recorder();
        rec.parameter("w", 1.0);
        GraphException e = assertThrows(GraphException.class, () -> rec.parameter("w", 2.0));
        assertTrue(e.getMessage().contains("'w' is declared twice"), e.getMessage());
        rec.clear();
        rec.parameter("w", 3.0);                      // a new recording: w is free again
        // an equal name that is another String object is still the same name
        String again = new String(new char[] {'w'});
        assertThrows(GraphException.class, () -> rec.parameter(again, 4.0));
    }

    @Test
    void manyNamesGrowTheTableAndEveryDuplicateIsFoundAfterGrowth() {
        Recorder rec = new Recorder();
        for (int round = 0; round < 3; round++) {
            rec.clear();
            int n = 1000 * (round + 1);
            for (int i = 0; i < n; i++) {
                rec.parameter("x" + i, i);
            }
            for (int i = 0; i < n; i += 97) {
                int k = i;
                assertThrows(GraphException.class, () -> rec.parameter("x" + k, 0.0), "x" + k);
            }
            assertEquals(n, rec.parameterNames().size());
        }
    }

    @Test
    void nameTableForgetsOldGenerationsAndStaysSmall() {
        NameTable t = new NameTable();
        for (int round = 0; round < 200; round++) {
            t.clear();
            for (int i = 0; i < 50; i++) {
                assertTrue(t.add("r" + round + "_" + i));   // fresh names every round
            }
            assertFalse(t.add("r" + round + "_7"));
            assertEquals(50, t.size());
        }
    }

    @Test
    void reusedRecorderGivesTheClosedFormGradientAndNoGradientForUntouchedParameters() {
        Recorder reused = new Recorder();
        for (int round = 0; round < 4; round++) {
            reused.clear();
            double a = 0.3 + round;
            double b = -1.1 * round;
            Var x = reused.parameter("x", a);
            Var y = reused.parameter("y", b);
            Var z = reused.parameter("z", 5.0);
            // the Java if takes one branch: z is used only in the other one on odd rounds
            Var loss = round % 2 == 0 ? x.mul(y).exp().add(z.square()) : x.mul(y).exp();
            Gradient g = reused.gradient(loss);
            double e = Math.exp(a * b);
            assertEquals(e * b, g.get("x"), 1e-14 * Math.max(1, Math.abs(e * b)));
            assertEquals(e * a, g.get("y"), 1e-14 * Math.max(1, Math.abs(e * a)));
            assertEquals(round % 2 == 0, g.isPresent("z"), "z is absent when the recorded branch does not use it");
            if (round % 2 == 0) {
                assertEquals(10.0, g.get("z"), 0.0);
            }
        }
    }

    /**
     * The same names declared in the same order as the previous recording skip the hash table; a
     * recording that leaves that order (another name, a reordering, a repeat) must still find every
     * duplicate, including one of a name declared while the order still matched.
     */
    @Test
    void leavingThePreviousOrderStillFindsEveryDuplicate() {
        String[] names = {"a", "b", "c", "d"};
        NameTable t = new NameTable();
        for (String n : names) {
            assertTrue(t.add(n));
        }
        t.clear();
        assertTrue(t.add(names[0]));
        assertTrue(t.add(names[1]));                 // same order so far
        assertFalse(t.add(names[0]), "a repeat of a name declared in the previous order");
        assertTrue(t.add("e"));
        assertFalse(t.add(names[1]));
        assertTrue(t.add(names[2]));
        assertEquals(java.util.List.of("a", "b", "e", "c"), java.util.List.of(t.toArray()));
        t.clear();                                    // previous order: a b e c
        assertTrue(t.add("a"));
        assertTrue(t.add("b"));
        assertTrue(t.add("e"));
        assertTrue(t.add("c"));
        assertFalse(t.add("a"), "past the end of the previous order");
        t.clear();
        assertTrue(t.add("b"));                       // reordered
        assertTrue(t.add("a"));
        assertFalse(t.add("b"));
        assertEquals(2, t.size());
    }
}
