package dev.leibniz.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV files as other tools write them (issue 16, items 1 and 2): a byte-order mark, CRLF line
 * ends, a trailing empty line, semicolons with decimal commas; and a reader that streams, so a
 * large file is read in one pass (checked by counting the characters it reads, not by a clock).
 */
class ForeignCsvTest {
    private static final String PLAIN = "t,x,y\n0,1.5,2\n1,2.5,3\n";

    private static void assertSameAsPlain(DataSet d) {
        assertArrayEquals(new double[] {0, 1}, d.times());
        assertEquals(List.of("x", "y"), d.columns());
        assertArrayEquals(new double[] {1.5, 2.5}, d.column(0));
        assertArrayEquals(new double[] {2, 3}, d.column(1));
        assertArrayEquals(new int[] {2, 3}, new int[] {d.line(0), d.line(1)});
    }

    @Test
    void byteOrderMarkCrlfAndTrailingEmptyLinesEachRead(@TempDir Path dir) throws IOException {
        // each spelling alone and all three together, from text and from a file
        String[] spellings = {
            "\uFEFF" + PLAIN,
            PLAIN.replace("\n", "\r\n"),
            PLAIN + "\n",
            PLAIN + "\r\n\r\n",
            "\uFEFF" + PLAIN.replace("\n", "\r\n") + "\r\n",
        };
        for (String text : spellings) {
            assertSameAsPlain(new DataReader().parse("a.csv", text));
            Path f = dir.resolve("a.csv");
            Files.write(f, text.getBytes(StandardCharsets.UTF_8));
            assertSameAsPlain(new DataReader().read(f));
        }
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfTheTimeColumnName() {
        DataSet d = new DataReader().parse("bom.csv", "\uFEFFtime,x\n0,1\n");
        assertEquals("time", d.timeColumn());
    }

    @Test
    void semicolonsWithDecimalCommasAreAClearErrorByDefault() {
        String text = "t;x;y\n0;1,5;2\n1;2,5;3\n";
        DataFileException e = assertThrows(DataFileException.class, () -> new DataReader().parse("de.csv", text));
        assertEquals("de.csv:1: the header 't;x;y' has no ',' but has ';': the file looks semicolon-separated (a"
                + " spreadsheet export with decimal commas?); read it with --delimiter ';'", e.getMessage());
    }

    @Test
    void semicolonsWithDecimalCommasAreReadWithTheDelimiter() {
        DataSet d = new DataReader().delimiter(';').parse("de.csv", "t;x;y\n0;1,5;2\n1;2,5;3e0\n");
        assertSameAsPlain(d);
        DataSet tabs = new DataReader().delimiter('\t').parse("tab.csv", PLAIN.replace(',', '\t'));
        assertSameAsPlain(tabs);
    }

    @Test
    void aDecimalCommaInACommaFileSaysWhichDelimiterReadsIt() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataReader().parse("q.csv", "t,x\n0,\"1,5\"\n"));
        assertEquals("q.csv:2: column 'x': '1,5' is not a number; a decimal comma is read only with --delimiter ';'",
                e.getMessage());
    }

    @Test
    void aDelimiterThatIsPartOfNumbersIsRefused() {
        for (char c : new char[] {'.', '-', '1', 'e', '"'}) {
            assertThrows(DataFileException.class, () -> new DataReader().delimiter(c), "delimiter " + c);
        }
    }

    @Test
    void quotedCellsMayHoldDelimitersQuotesAndLineBreaks() {
        DataSet d = new DataReader().parse("q.csv", "\"t\",\"x\"\n\"0\",\" 1 \"\n# a comment\n1,2\n");
        assertArrayEquals(new double[] {1, 2}, d.column(0));
        assertArrayEquals(new int[] {2, 4}, new int[] {d.line(0), d.line(1)});
        // a header cell with a line break: the next record's line counts it
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataReader().parse("q.csv", "t,\"x\ny\"\n0,abc\n"));
        assertEquals(3, e.line());
    }

    @Test
    void rowLimitIsNamedInTheError() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataReader().maxRows(2).parse("big.csv", "t,x\n0,1\n1,1\n2,1\n"));
        assertEquals("big.csv:4: more than 2 data rows (the limit on rows, docs/errors.md); split the data or thin it"
                + " out", e.getMessage());
    }

    /**
     * A million-row file is read in one pass: the reader asks its source for each character once
     * (the old reader turned every record's offset into a line by re-scanning the text from the
     * start, reading rows × characters). The source here generates the rows on demand and counts
     * what is read.
     */
    @Test
    void aMillionRowsAreReadInOnePass() throws IOException {
        int rows = 1_000_000;
        CountingRows source = new CountingRows(rows);
        DataSet d = new DataReader().read("million.csv", source);
        assertEquals(rows, d.rowCount());
        assertEquals(rows - 1.0, d.time(rows - 1));
        assertEquals(2.0 * (rows - 1), d.value(rows - 1, 1));
        assertEquals(rows + 1, d.line(rows - 1));
        assertEquals(source.generated, source.delivered, "every character was delivered exactly once");
        assertTrue(source.reads < source.delivered / 1000, "read in blocks, not character by character: " + source.reads);
    }

    /** "t,x,y" then rows "k,k,2k", generated as they are read. */
    private static final class CountingRows extends Reader {
        private final int rows;
        private int next = -1;
        private String pending = "";
        private int at;
        long generated;
        long delivered;
        long reads;

        CountingRows(int rows) {
            this.rows = rows;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            reads++;
            int n = 0;
            while (n < len) {
                if (at == pending.length()) {
                    if (next == rows) {
                        break;
                    }
                    pending = next < 0 ? "t,x,y\n" : next + "," + next + "," + (2L * next) + "\n";
                    generated += pending.length();
                    at = 0;
                    next++;
                }
                cbuf[off + n++] = pending.charAt(at++);
            }
            delivered += n;
            return n == 0 ? -1 : n;
        }

        @Override
        public void close() {
        }
    }
}
