package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files from other tools at the command line (issue 16, item 2): a spreadsheet export separated
 * by semicolons with decimal commas is refused with a message that says how to read it, and read
 * with {@code --delimiter ';'} to the same fit as the original file.
 */
class ForeignInputCliTest {
    @Test
    void semicolonExportIsExplainedAndReadWithTheDelimiter(@TempDir Path dir) throws Exception {
        String original = Files.readString(Path.of(FitCommandTest.DATA));
        StringBuilder german = new StringBuilder("\uFEFF");
        for (String line : original.split("\n")) {
            german.append(line.startsWith("#") ? line : line.replace(',', ';').replace('.', ',')).append("\r\n");
        }
        Path csv = dir.resolve("luchs.csv");
        Files.writeString(csv, german, StandardCharsets.UTF_8);

        CliRun refused = CliRun.of("fit", FitCommandTest.MODEL, "--data", csv.toString(), "--json");
        assertEquals(2, refused.exit());
        assertEquals("error: luchs.csv:3: the header 'year;lynx;hare' has no ',' but has ';': the file looks"
                + " semicolon-separated (a spreadsheet export with decimal commas?); read it with --delimiter ';'\n",
                refused.err());

        CliRun read = CliRun.of("fit", FitCommandTest.MODEL, "--data", csv.toString(), "--delimiter", ";",
                "--max-iter", "3", "--json");
        CliRun reference = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--max-iter", "3", "--json");
        assertEquals(0, read.exit(), read.err());
        assertEquals(reference.json(), read.json());
    }

    @Test
    void aDelimiterMustBeOneCharacter() {
        CliRun r = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--delimiter", ";;");
        assertEquals(2, r.exit());
        assertEquals("error: --delimiter: expected one character (such as ';') or 'tab', got ';;'\n", r.err());
    }
}
