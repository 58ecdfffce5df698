package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SparsityPatternTest {

    private static final boolean[][] TRIDIAGONAL = {
        {true, true, false},
        {true, true, true},
        {false, true, true},
    };

    @Test
    void csrLayoutOfTheJavadocExample() {
        SparsityPattern p = SparsityPattern.fromCsr(3, 3, new int[] {0, 2, 5, 7}, new int[] {0, 1, 0, 1, 2, 1, 2});
        assertEquals(SparsityPattern.of(TRIDIAGONAL), p);
        assertEquals(7, p.nnz());
        assertEquals(3, p.maxNonzerosPerRow());
        assertEquals(3, p.maxNonzerosPerColumn());
        assertTrue(p.isSymmetric());
        assertArrayEquals(new int[] {0, 1, 2}, p.columnsOf(1));
        assertTrue(p.contains(2, 1));
        assertFalse(p.contains(0, 2));
    }

    @Test
    void fromRowsSortsAndMergesRepeats() {
        SparsityPattern p = SparsityPattern.fromRows(4, new int[] {3, 1, 3}, new int[] {}, new int[] {0});
        assertArrayEquals(new int[] {1, 3}, p.columnsOf(0));
        assertEquals(0, p.rowCount(1));
        assertEquals(3, p.nnz());
    }

    /**
     * Immutable means every field is final: the transpose used to be a lazily filled volatile
     * cache, written by whichever thread asked first.
     */
    @Test
    void everyFieldIsFinalAndRowsOfReadsTheColumns() {
        for (java.lang.reflect.Field f : SparsityPattern.class.getDeclaredFields()) {
            assertTrue(java.lang.reflect.Modifier.isFinal(f.getModifiers()), "field " + f.getName() + " is not final");
        }
        SparsityPattern p = SparsityPattern.of(new boolean[][] {{true, false, true}, {false, false, true}});
        assertArrayEquals(new int[] {0, 1}, p.rowsOf(2));
        assertArrayEquals(new int[] {}, p.rowsOf(1));
        assertArrayEquals(new int[] {0}, p.transpose().columnsOf(0));
        SparsityException bad = assertThrows(SparsityException.class, () -> p.columnCount(3));
        assertTrue(bad.getMessage().contains("column 3"), bad.getMessage());
    }

    @Test
    void transposeSwapsEntriesAndCountsColumns() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            boolean[][] m = randomMatrix(rnd, 1 + rnd.nextInt(9), 1 + rnd.nextInt(9), 0.3);
            SparsityPattern p = SparsityPattern.of(m);
            boolean[][] t = TestGraphs.dense(p.transpose());
            int maxCol = 0;
            for (int j = 0; j < m[0].length; j++) {
                int count = 0;
                for (int i = 0; i < m.length; i++) {
                    assertEquals(m[i][j], t[j][i]);
                    count += m[i][j] ? 1 : 0;
                }
                assertEquals(count, p.columnCount(j));
                maxCol = Math.max(maxCol, count);
            }
            assertEquals(maxCol, p.maxNonzerosPerColumn());
            assertEquals(p, p.transpose().transpose());
        }
    }

    @Test
    void unionAndSubsetAgreeWithBooleanLogic() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int r = 1 + rnd.nextInt(7);
            int c = 1 + rnd.nextInt(7);
            boolean[][] a = randomMatrix(rnd, r, c, 0.3);
            boolean[][] b = randomMatrix(rnd, r, c, 0.3);
            boolean[][] or = new boolean[r][c];
            boolean subset = true;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    or[i][j] = a[i][j] || b[i][j];
                    subset &= !a[i][j] || b[i][j];
                }
            }
            SparsityPattern pa = SparsityPattern.of(a);
            SparsityPattern pb = SparsityPattern.of(b);
            assertEquals(SparsityPattern.of(or), pa.union(pb));
            assertEquals(subset, pa.isSubsetOf(pb));
            assertTrue(pa.isSubsetOf(pa.union(pb)));
        }
    }

    @Test
    void nonzerosOfCountsNaNButNotZero() {
        SparsityPattern p = SparsityPattern.nonzerosOf(new double[][] {{0.0, -0.0, Double.NaN}, {1e-300, 0, 0}});
        assertArrayEquals(new boolean[][] {{false, false, true}, {true, false, false}}, p.toBooleanMatrix());
    }

    @Test
    void malformedInputIsRejectedWithClearMessages() {
        SparsityException e = assertThrows(SparsityException.class,
                () -> SparsityPattern.fromCsr(2, 3, new int[] {0, 2, 3}, new int[] {1, 0, 2}));
        assertTrue(e.getMessage().contains("row 0 columns are not strictly increasing"), e.getMessage());
        e = assertThrows(SparsityException.class, () -> SparsityPattern.fromRows(3, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("column 3, outside [0, 3)"), e.getMessage());
        e = assertThrows(SparsityException.class, () -> SparsityPattern.fromCsr(2, 2, new int[] {0, 1}, new int[] {0}));
        assertTrue(e.getMessage().contains("rows + 1 = 3"), e.getMessage());
        e = assertThrows(SparsityException.class, () -> SparsityPattern.of(new boolean[][] {{true}, {true, false}}));
        assertTrue(e.getMessage().contains("not rectangular"), e.getMessage());
        SparsityPattern a = SparsityPattern.of(TRIDIAGONAL);
        SparsityPattern b = SparsityPattern.of(new boolean[2][3]);
        e = assertThrows(SparsityException.class, () -> a.union(b));
        assertTrue(e.getMessage().contains("3×3 pattern with a 2×3 pattern"), e.getMessage());
        assertThrows(SparsityException.class, () -> a.isSubsetOf(b));
        assertThrows(SparsityException.class, () -> a.contains(3, 0));
        assertThrows(SparsityException.class, () -> a.columnsOf(-1));
    }

    static boolean[][] randomMatrix(Random rnd, int r, int c, double density) {
        boolean[][] m = new boolean[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = rnd.nextDouble() < density;
            }
        }
        return m;
    }
}
