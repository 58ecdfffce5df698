package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a model file may hold that cannot be seen (issue 16, items 2 and 4): a byte-order mark
 * is read, an invisible character is named by its code point with line and column, and a number
 * a double cannot hold is "number out of range" at its column, in a statement or an expression.
 */
class LexicalErrorsTest {
    private static final String DECAY = "param k = 0.5 in [0, inf]\nstate x = 1\nder(x) = -k*x\n";

    private static ModelFileException fail(String text) {
        return assertThrows(ModelFileException.class, () -> ModelParser.parse("m.model", text));
    }

    @Test
    void byteOrderMarkIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bom.model");
        Files.write(f, ("\uFEFF" + DECAY).getBytes(StandardCharsets.UTF_8));
        ModelSpec m = ModelParser.parse(f);
        assertEquals(0.5, m.initialParameterValues()[0], 0.0);
        // columns on the first line are counted after the mark, as an editor shows them
        assertEquals(8, fail("\uFEFFparam 1k = 0.5\nstate x = 1\nder(x) = -x\n").column());
    }

    @Test
    void invisibleCharactersAreNamedByCodePoint() {
        ModelFileException zwsp = fail("param k = 0.5\nstate x = 1\nder(x) = -k\u200B*x\n");
        assertEquals("m.model:3:12: invisible character U+200B (zero width space); delete it (or retype the line: it"
                + " often comes from copying text from a web page or a word processor)", zwsp.getMessage());
        ModelFileException nbsp = fail("param\u00A0k = 0.5\nstate x = 1\nder(x) = -k*x\n");
        assertEquals(1, nbsp.line());
        assertEquals(6, nbsp.column());
        assertEquals(true, nbsp.detail().startsWith("invisible character U+00A0 (no-break space)"), nbsp.detail());
        // a byte-order mark in the middle of a file is invisible too
        assertEquals("invisible character U+FEFF", fail("state x = 1\n\uFEFFder(x) = -x\n").detail().substring(0, 26));
    }

    @Test
    void invisibleCharactersInCommentsAreHarmless() {
        ModelSpec m = ModelParser.parse("m.model", DECAY + "# a comment\u200B with\u00A0odd spaces\n");
        assertEquals(1, m.stateCount());
    }

    @Test
    void outOfRangeLiteralsAreBadInputAtTheirColumn() {
        ModelFileException param = fail("param k = 1e999\nstate x = 1\nder(x) = -k*x\n");
        assertEquals("m.model:1:11: number out of range: 1e999 (a double holds magnitudes from about 4.9e-324 to"
                + " 1.8e308)", param.getMessage());
        ModelFileException bound = fail("param k = 1 in [0, 2e400]\nstate x = 1\nder(x) = -k*x\n");
        assertEquals(20, bound.column());
        ModelFileException expr = fail("state x = 1\nder(x) = -x * 3.5e308\n");
        assertEquals(2, expr.line());
        assertEquals(15, expr.column());
        ModelFileException tiny = fail("const c = 1e-999\nstate x = c\nder(x) = -x\n");
        assertEquals(11, tiny.column());
        // zero written with an exponent is zero, not an underflow
        assertEquals(1, ModelParser.parse("m.model", "const c = 0e-999\nstate x = c\nder(x) = -x\n").stateCount());
    }
}
