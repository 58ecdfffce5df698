package dev.leibniz.sparse;

/**
 * The rows of a symmetric Hessian pattern, accumulated from products of index sets S(a)×S(b) as
 * unsorted lists and compacted (sorted, repeats dropped) whenever a row has doubled since its
 * last compaction, so memory stays within a constant factor of the result.
 */
final class PairAccumulator {
    private final int n;
    private final IndexSets.IntList[] rows;
    private final int[] compacted;
    /** Last (a, b) added, by identity: repeated identical products are common and skipped. */
    private int[] lastA;
    private int[] lastB;

    PairAccumulator(int n) {
        this.n = n;
        this.rows = new IndexSets.IntList[n];
        this.compacted = new int[n];
    }

    void add(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0 || (a == lastA && b == lastB)) {
            return;
        }
        lastA = a;
        lastB = b;
        for (int r : a) {
            IndexSets.IntList row = rows[r];
            if (row == null) {
                row = rows[r] = new IndexSets.IntList(b.length);
            }
            row.addAll(b);
            if (row.size > 2 * compacted[r] + 32) {
                compacted[r] = row.sortUnique();
            }
        }
    }

    SparsityPattern toPattern() {
        int[] ptr = new int[n + 1];
        for (int r = 0; r < n; r++) {
            ptr[r + 1] = ptr[r] + (rows[r] == null ? 0 : rows[r].sortUnique());
        }
        int[] idx = new int[ptr[n]];
        for (int r = 0; r < n; r++) {
            if (rows[r] != null) {
                System.arraycopy(rows[r].data, 0, idx, ptr[r], rows[r].size);
            }
        }
        return SparsityPattern.trusted(n, n, ptr, idx);
    }
}
