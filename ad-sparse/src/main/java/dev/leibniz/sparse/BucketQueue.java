package dev.leibniz.sparse;

import java.util.Arrays;

/**
 * Vertices kept in buckets by an integer key in {@code [0, maxKey]}, each bucket a doubly
 * linked list in flat arrays: insert, remove and re-key in O(1). The degree-based orderings use
 * it to find a vertex of smallest (or largest) current degree in O(V + E) overall.
 */
final class BucketQueue {
    private final int[] head;
    private final int[] next;
    private final int[] prev;
    private final int[] key;

    BucketQueue(int vertices, int maxKey) {
        head = new int[maxKey + 1];
        next = new int[vertices];
        prev = new int[vertices];
        key = new int[vertices];
        Arrays.fill(head, -1);
    }

    int key(int v) {
        return key[v];
    }

    /** The first vertex of bucket {@code k}, or −1 when it is empty. */
    int first(int k) {
        return head[k];
    }

    /** Pushes v at the front of bucket {@code k}. */
    void insert(int v, int k) {
        key[v] = k;
        next[v] = head[k];
        prev[v] = -1;
        if (head[k] >= 0) {
            prev[head[k]] = v;
        }
        head[k] = v;
    }

    void remove(int v) {
        if (prev[v] >= 0) {
            next[prev[v]] = next[v];
        } else {
            head[key[v]] = next[v];
        }
        if (next[v] >= 0) {
            prev[next[v]] = prev[v];
        }
    }

    /** Moves v to bucket {@code k} (at its front). */
    void rekey(int v, int k) {
        remove(v);
        insert(v, k);
    }
}
