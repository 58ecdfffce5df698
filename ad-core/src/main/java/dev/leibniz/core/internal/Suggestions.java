package dev.leibniz.core.internal;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean …?" for error messages: the known name closest to a mistyped one by edit
 * (Levenshtein) distance, within a small limit — 1 edit for names of up to 3 letters, 2 for
 * longer ones, so that suggestions stay plausible. Case is ignored; ties go to the longer
 * common prefix ('sinn' suggests 'sin', not 'sign'). One implementation for the expression
 * parser, the model-file parser and the command line.
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** The known name closest to {@code typed}, or null when none is close enough. */
    public static String closest(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (String k : known) {
            String c = k.toLowerCase(Locale.ROOT);
            int d = distance(t, c);
            int prefix = commonPrefix(t, c);
            if (d < bestDistance || (d == bestDistance && prefix > bestPrefix)) {
                best = k;
                bestDistance = d;
                bestPrefix = prefix;
            }
        }
        int limit = t.length() <= 3 ? 1 : 2;
        return best != null && bestDistance <= limit ? best : null;
    }

    /** {@code "; did you mean 'gamma'?"} when a known name is close, else "". */
    public static String didYouMean(String typed, Collection<String> known) {
        String best = closest(typed, known);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
    public static int distance(String a, String b) {
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

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
