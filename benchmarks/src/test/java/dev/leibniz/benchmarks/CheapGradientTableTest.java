package dev.leibniz.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue 14 table replaces only its own section of the page, and goes before issue 14's section the first time. */
class CheapGradientTableTest {
    private static final String ISSUE14 = "## Gradients at the cheap-gradient limit (issue 14)";

    @Test
    void insertsBeforeIssue14ThenReplacesInPlace(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("benchmarks.md");
        String head = "# Benchmarks\n\n## Other\n\ntext\n\n";
        String tail = ISSUE14 + "\n\nold prose\n\n## Later\n\nmore\n";
        Files.writeString(page, head + tail, StandardCharsets.UTF_8);

        String first = CheapGradientTable.HEADING + "\n\n| a | b |\n";
        CheapGradientTable.replaceSection(page, first);
        assertEquals(head + first + "\n" + tail, Files.readString(page, StandardCharsets.UTF_8));

        String second = CheapGradientTable.HEADING + "\n\n| c | d |\n| e | f |\n";
        CheapGradientTable.replaceSection(page, second);
        assertEquals(head + second + "\n" + tail, Files.readString(page, StandardCharsets.UTF_8));
    }

    @Test
    void appendsWhenThePageHasNoIssue14Section(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n\ntext\n", StandardCharsets.UTF_8);
        String table = CheapGradientTable.HEADING + "\n\n| a |\n";
        CheapGradientTable.replaceSection(page, table);
        assertEquals("# Benchmarks\n\ntext\n\n" + table, Files.readString(page, StandardCharsets.UTF_8));
    }

    @Test
    void ratiosKeepThreeSignificantFigures() {
        assertEquals("2.67", CheapGradientTable.ratioText(2.6666));
        assertEquals("79.6", CheapGradientTable.ratioText(79.61));
        assertEquals("131", CheapGradientTable.ratioText(131.01));
    }

    @Test
    void aForkedGroupsRowsComeBackAsTheyWere() {
        List<CheapGradientTable.Row> rows = List.of(
                new CheapGradientTable.Row("compiled gradient / function, Rosenbrock n = 10⁴", "≤ 3", "2.48 (function 5.03 µs)", true),
                new CheapGradientTable.Row("tape bytes | per op", "≤ 16", "17.00", false));
        StringBuilder out = new StringBuilder("JIT noise\n");
        for (CheapGradientTable.Row r : rows) {
            out.append(CheapGradientTable.line(r)).append('\n');
        }
        out.append("# 1.0E9\n");
        assertEquals(rows, CheapGradientTable.rows(out.toString()));
    }

    @Test
    void anUnknownGroupIsNamedWithTheGroupsThereAre() {
        CheapGradientTable t = new CheapGradientTable();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.run("rosenbrok"));
        assertTrue(e.getMessage().contains("'rosenbrok'") && e.getMessage().contains("lotkaVolterra"), e.getMessage());
    }
}
