package dev.leibniz.core;

/**
 * The input names declared in one recording, in order, checked for duplicates, and kept across
 * recordings so that declaring the same names again (a training loop, a benchmark) costs almost
 * nothing.
 *
 * <p>Two checks. While a recording declares the very same {@code String} objects as the previous
 * one, in the same order, each is distinct from the ones before it (the previous recording's
 * names were), and the check is one comparison with the previous list, in memory order. At the
 * first name that differs, the names so far go into an open-addressing table and every later
 * name is one hash probe. The table's slots are stamped with the recording (generation) that
 * last declared them: {@link #clear()} starts a new generation without touching them, and a
 * name stamped by an earlier one counts as free; names of earlier generations are dropped when
 * the table grows. Where a {@code HashSet} insertion cost an entry allocation and one or two cache
 * misses per name (≈ 150 ns a parameter at 10⁶ parameters, issue 14), the repeated recording
 * reads two arrays in order.
 */
final class NameTable {
    private static final int MIN_CAPACITY = 16;

    private String[] keys = new String[MIN_CAPACITY];
    private int[] stamps = new int[MIN_CAPACITY];
    /** Occupied slots, of any generation. */
    private int used;
    /** Names of the current generation. */
    private int live;
    private int stamp = 1;
    /** The names of this recording, in declaration order, and of the previous one. */
    private String[] order = new String[MIN_CAPACITY];
    private int count;
    private String[] previous = new String[MIN_CAPACITY];
    private int previousCount;
    /** True once this recording's names are in the hash table (it left the previous recording's order). */
    private boolean hashed;

    /** Adds {@code name} to the current recording; false when it is already declared in it. */
    boolean add(String name) {
        int k = count;
        if (!hashed) {
            if (k < previousCount && previous[k] == name) {
                append(name);
                return true;
            }
            hashed = true;                         // left the previous order: hash the names so far
            for (int j = 0; j < k; j++) {
                insert(order[j]);
            }
        }
        if (!insert(name)) {
            return false;
        }
        append(name);
        return true;
    }

    private void append(String name) {
        if (count == order.length) {
            order = java.util.Arrays.copyOf(order, 2 * count);
        }
        order[count++] = name;
    }

    /** Stamps {@code name} with the current generation in the hash table; false when it already is. */
    private boolean insert(String name) {
        int mask = keys.length - 1;
        int h = spread(name.hashCode()) & mask;
        for (String k = keys[h]; k != null; k = keys[h]) {
            if (k.equals(name)) {                  // identity first, inside equals
                if (stamps[h] == stamp) {
                    return false;
                }
                stamps[h] = stamp;
                live++;
                return true;
            }
            h = (h + 1) & mask;
        }
        keys[h] = name;
        stamps[h] = stamp;
        used++;
        live++;
        if (2 * used > keys.length) {
            rehash();
        }
        return true;
    }

    /** Forgets every name (a new generation; the slots are reused). */
    void clear() {
        String[] t = previous;
        previous = order;
        previousCount = count;
        order = t;                                 // overwritten as names are declared
        count = 0;
        hashed = false;
        live = 0;
        if (++stamp == Integer.MAX_VALUE) {        // stamps would repeat: start over
            java.util.Arrays.fill(keys, null);
            used = 0;
            stamp = 1;
        }
    }

    /** Number of names of the current recording. */
    int size() {
        return count;
    }

    /** The names of the current recording, in declaration order. */
    String[] toArray() {
        return java.util.Arrays.copyOf(order, count);
    }

    /** Re-inserts the names of the current generation into a table sized for them (older ones are dropped). */
    private void rehash() {
        String[] oldKeys = keys;
        int[] oldStamps = stamps;
        int cap = MIN_CAPACITY;
        while (cap < 4 * live) {
            cap *= 2;
        }
        keys = new String[cap];
        stamps = new int[cap];
        used = 0;
        int mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null && oldStamps[j] == stamp) {
                int h = spread(oldKeys[j].hashCode()) & mask;
                while (keys[h] != null) {
                    h = (h + 1) & mask;
                }
                keys[h] = oldKeys[j];
                stamps[h] = stamp;
                used++;
            }
        }
    }

    /** Spreads the high bits of a string hash over the low ones (names like x0, x1, … differ little). */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
