package dev.leibniz.models.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.spec.Parameter;
import dev.leibniz.models.spec.Position;
import org.junit.jupiter.api.Test;

class StartDesignTest {
    /** The defining property of a Latin hypercube: every one of the n slices of every axis holds exactly one point. */
    @Test
    void latinHypercubePutsOnePointInEverySlice() {
        int n = 37;
        double[][] u = StartDesign.LATIN_HYPERCUBE.points(n, 5, 11);
        for (int d = 0; d < 5; d++) {
            int[] count = new int[n];
            for (double[] p : u) {
                count[(int) Math.floor(p[d] * n)]++;
            }
            for (int c : count) {
                assertEquals(1, c);
            }
        }
    }

    /**
     * The first points of the two-dimensional Sobol sequence after the origin, the same for every
     * set of direction numbers: the first axis is the base-2 van der Corput sequence, the second
     * comes from the primitive polynomial x + 1 (Joe and Kuo, SIAM J. Sci. Comput. 30, 2008).
     */
    @Test
    void sobolMatchesThePublishedSequence() {
        double[][] u = StartDesign.SOBOL.points(4, 2, 0);
        assertArrayEquals(new double[] {0.5, 0.5}, u[0]);
        assertArrayEquals(new double[] {0.75, 0.25}, u[1]);
        assertArrayEquals(new double[] {0.25, 0.75}, u[2]);
        assertArrayEquals(new double[] {0.375, 0.375}, u[3]);
    }

    @Test
    void seedsAreDeterministicAndDistinct() {
        assertEquals(Seeds.of(5, 3), Seeds.of(5, 3));
        assertNotEquals(Seeds.of(5, 3), Seeds.of(5, 4));
        assertNotEquals(Seeds.of(5, 3), Seeds.of(6, 3));
        assertArrayEquals(StartDesign.LATIN_HYPERCUBE.points(8, 3, 1)[4], StartDesign.LATIN_HYPERCUBE.points(8, 3, 1)[4]);
    }

    @Test
    void samplingBoxesFollowTheBounds() {
        Position at = null;
        SamplingBox both = SamplingBox.of(new Parameter("p", 1, -2, 3, at));
        assertEquals(-2, both.at(0));
        assertEquals(3, both.at(1));
        SamplingBox rate = SamplingBox.of(new Parameter("r", 0.8, 0, Double.POSITIVE_INFINITY, at));
        assertEquals(0.08, rate.at(0), 1e-15);
        assertEquals(0.8, rate.at(0.5), 1e-15);
        assertEquals(8, rate.at(1), 1e-14);
        SamplingBox free = SamplingBox.of(new Parameter("x", -0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, at));
        assertEquals(-10.5, free.at(0));
        assertEquals(9.5, free.at(1));
        assertThrows(LeibnizException.class, () -> StartDesign.byName("grid"));
        assertEquals(StartDesign.LATIN_HYPERCUBE, StartDesign.byName(" LHS "));
    }
}
