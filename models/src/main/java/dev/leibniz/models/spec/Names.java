package dev.leibniz.models.spec;

import java.util.Collection;

/** Helpers for messages about names: "did you mean …?" by edit distance. */
final class Names {
    private Names() {
    }

    /** {@code " (did you mean 'gamma'?)"} when a known name is within edit distance 2, else "". */
    static String suggestion(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (String k : known) {
            int d = distance(name, k);
            int prefix = commonPrefix(name, k);
            // ties go to the longer common prefix: 'sinn' suggests 'sin' rather than 'sign'
            if (d < bestDistance || (d == bestDistance && prefix > bestPrefix)) {
                best = k;
                bestDistance = d;
                bestPrefix = prefix;
            }
        }
        int limit = name.length() <= 3 ? 1 : 2;
        return best != null && bestDistance <= limit ? "; did you mean '" + best + "'?" : "";
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
