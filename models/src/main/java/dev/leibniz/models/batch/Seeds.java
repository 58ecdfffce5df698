package dev.leibniz.models.batch;

/**
 * Per-task seeds derived from a job seed and a task index by SplitMix64 (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014): neighbouring indices give
 * unrelated seeds, and a task's randomness depends on nothing but (seed, index) — not on which
 * engine, thread or partition runs it.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed of task {@code index} of a job seeded with {@code seed}. */
    public static long of(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
