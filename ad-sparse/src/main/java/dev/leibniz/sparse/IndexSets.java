package dev.leibniz.sparse;

import java.util.Arrays;

/**
 * Sets of small non-negative integers (input indices) as sorted {@code int[]} without repeats,
 * the representation sparsity propagation uses. Arrays are never modified once built, so a node
 * whose set equals one of its arguments' shares that array: a chain of unary or linear
 * operations costs no copying at all.
 *
 * <p>Trade-off against {@link java.util.BitSet}: a union of sorted arrays costs
 * O(|a| + |b|) and memory 4 bytes per member, while a bitset costs n/8 bytes per node whatever
 * the set size. In the sparse models this is for (sets of 1–20 members out of thousands of
 * inputs) sorted arrays are both smaller and faster; for dense Jacobians both are O(n) per node.
 */
final class IndexSets {
    private IndexSets() {
    }

    static final int[] EMPTY = new int[0];

    /** a ∪ b; returns one of the arguments itself when it already equals the union. */
    static int[] union(int[] a, int[] b) {
        if (a == b || b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] out = new int[a.length + b.length];
        int n = mergeInto(a, 0, a.length, b, 0, b.length, out, 0);
        if (n == a.length) {
            return a;
        }
        if (n == b.length) {
            return b;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Merges the sorted ranges {@code a[a0..a1)} and {@code b[b0..b1)} into {@code out} from
     * position {@code n}, dropping repeats; returns the new end position.
     */
    static int mergeInto(int[] a, int a0, int a1, int[] b, int b0, int b1, int[] out, int n) {
        int i = a0;
        int j = b0;
        while (i < a1 && j < b1) {
            int x = a[i];
            int y = b[j];
            if (x < y) {
                out[n++] = x;
                i++;
            } else if (y < x) {
                out[n++] = y;
                j++;
            } else {
                out[n++] = x;
                i++;
                j++;
            }
        }
        while (i < a1) {
            out[n++] = a[i++];
        }
        while (j < b1) {
            out[n++] = b[j++];
        }
        return n;
    }

    /**
     * The union of several sorted sets, added one at a time. Up to {@link #MERGES} sets are merged
     * pairwise ({@link #union}, which shares an argument's array when it already is the union, so
     * chains of unary and linear operations copy nothing); more are gathered and sorted once,
     * O(t log t) for t members instead of many merges of a growing array (wide reductions,
     * {@code sum_to} of a matrix). Reusable: {@link #begin} starts the next union.
     */
    static final class Union {
        /** Sets merged pairwise; a union of more is gathered and sorted. */
        static final int MERGES = 8;

        private final IntList gathered = new IntList(64);
        private int[] merged = EMPTY;
        private boolean gathering;

        /** Starts a union of {@code count} sets. */
        void begin(int count) {
            merged = EMPTY;
            gathering = count > MERGES;
            gathered.size = 0;
        }

        void add(int[] set) {
            if (gathering) {
                gathered.addAll(set);
            } else {
                merged = union(merged, set);
            }
        }

        /** The union of the sets added since {@link #begin}; never modified afterwards. */
        int[] result() {
            if (!gathering) {
                return merged;
            }
            gathered.sortUnique();
            return gathered.size == 0 ? EMPTY : gathered.toArray();
        }
    }

    /** A growable list of ints, for accumulating before sorting. */
    static final class IntList {
        int[] data;
        int size;

        IntList(int capacity) {
            data = new int[Math.max(capacity, 4)];
        }

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }

        void addAll(int[] xs) {
            if (size + xs.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + xs.length));
            }
            System.arraycopy(xs, 0, data, size, xs.length);
            size += xs.length;
        }

        /** Sorts and removes repeats in place; returns the new size. */
        int sortUnique() {
            Arrays.sort(data, 0, size);
            int n = 0;
            for (int k = 0; k < size; k++) {
                if (n == 0 || data[n - 1] != data[k]) {
                    data[n++] = data[k];
                }
            }
            size = n;
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
