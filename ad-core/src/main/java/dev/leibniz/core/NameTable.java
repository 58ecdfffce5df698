package dev.leibniz.core;

/**
 * The set of input names declared in one recording, kept across recordings so that declaring the
 * same names again (a training loop, a benchmark) allocates nothing.
 *
 * <p>An open-addressing table of names, each slot stamped with the recording (generation) that
 * last declared it. {@link #clear()} does not touch the slots: it starts a new generation, so a
 * name stamped by an earlier one counts as free. Declaring a name is one hash probe (the string's
 * cached hash) and one identity or {@code equals} comparison, where a {@code HashSet} insertion
 * allocated an entry per name (≈ 20 ns of the ≈ 25 ns a parameter cost, issue 14). Names of
 * earlier generations are dropped when the table grows, so it holds at most about four times the
 * names of the largest recording.
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

    /** Adds {@code name} to the current recording; false when it is already declared in it. */
    boolean add(String name) {
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
        live = 0;
        if (++stamp == Integer.MAX_VALUE) {        // stamps would repeat: start over
            java.util.Arrays.fill(keys, null);
            used = 0;
            stamp = 1;
        }
    }

    /** Number of names of the current recording. */
    int size() {
        return live;
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
