package dev.leibniz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void levenshteinDistanceOfTextbookPairs() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("gamma", "gamma"));
        assertEquals(5, Suggestions.distance("", "gamma"));
        assertEquals(2, Suggestions.distance("alpah", "alpha")); // a transposition is two edits
    }

    @Test
    void suggestsOnlyCloseNamesAndPrefersTheLongerCommonPrefix() {
        List<String> known = List.of("alpha", "beta", "gamma", "sin", "sign", "simulate", "grad");
        assertEquals("alpha", Suggestions.closest("alpah", known));
        assertEquals("sin", Suggestions.closest("sinn", known));      // 'sign' is as close, 'sin' shares more
        assertEquals("grad", Suggestions.closest("Grad", known));     // case is ignored
        assertEquals("simulate", Suggestions.closest("simulat", known));
        assertNull(Suggestions.closest("zz", known));                 // short names allow one edit only
        assertNull(Suggestions.closest("omega", known));
        assertEquals("; did you mean 'gamma'?", Suggestions.didYouMean("gama", known));
        assertEquals("", Suggestions.didYouMean("xyzzy", known));
    }
}
