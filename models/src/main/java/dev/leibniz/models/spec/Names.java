package dev.leibniz.models.spec;

import dev.leibniz.core.internal.Suggestions;
import java.util.Collection;

/** Helpers for messages about names: "did you mean …?" by edit distance (see {@link Suggestions}). */
final class Names {
    private Names() {
    }

    /** {@code "; did you mean 'gamma'?"} when a known name is within a small edit distance, else "". */
    static String suggestion(String name, Collection<String> known) {
        return Suggestions.didYouMean(name, known);
    }
}
