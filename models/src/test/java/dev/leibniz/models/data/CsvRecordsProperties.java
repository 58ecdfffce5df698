package dev.leibniz.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The streaming reader splits records and cells as Apache Commons CSV does (the reader the
 * project used before, here the oracle), on random texts with quoted cells, embedded
 * delimiters, quotes and line breaks, comments, blank lines and every line ending; and it
 * counts lines as the text has them.
 */
class CsvRecordsProperties {
    private static final String[] CELLS = {"1", "-2.5", "", " 3 ", "abc", "\"q\"", "\"a,b\"", "\"x\"\"y\"",
        "\"two\nlines\"", "1e5", "\"  \""};

    private static String randomCsv(Random rnd, String eol) {
        StringBuilder sb = new StringBuilder();
        int lines = 1 + rnd.nextInt(8);
        for (int l = 0; l < lines; l++) {
            switch (rnd.nextInt(6)) {
                case 0 -> sb.append("# comment ").append(l);
                case 1 -> sb.append("");
                default -> {
                    int cells = 1 + rnd.nextInt(4);
                    for (int c = 0; c < cells; c++) {
                        sb.append(c > 0 ? "," : "").append(CELLS[rnd.nextInt(CELLS.length)]);
                    }
                }
            }
            sb.append(eol);
        }
        return sb.toString();
    }

    @Property(tries = 300)
    void sameRecordsAsCommonsCsv(@ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        String eol = new String[] {"\n", "\r\n", "\r"}[rnd.nextInt(3)];
        String text = randomCsv(rnd, eol);
        List<List<String>> expected = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).setTrim(true).get();
        try (CSVParser p = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : p) {
                expected.add(r.toList());
            }
        }
        List<List<String>> actual = new ArrayList<>();
        CsvRecords records = new CsvRecords("r.csv", new StringReader(text), ',');
        while (records.next()) {
            actual.add(List.copyOf(records.cells()));
            // the record starts on the line its first character is on
            String before = text.substring(0, nthRecordStart(text, records.line()));
            assertEquals(records.line(), before.split("\r\n|\r|\n", -1).length, "line of " + records.cells());
        }
        assertEquals(expected, actual, "text: " + text.replace("\r", "\\r").replace("\n", "\\n"));
    }

    /** The character offset where 1-based line {@code line} of {@code text} starts. */
    private static int nthRecordStart(String text, int line) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            int n = text.indexOf('\n', at);
            int r = text.indexOf('\r', at);
            int end = n < 0 ? r : r < 0 ? n : Math.min(n, r);
            at = end + (text.startsWith("\r\n", end) ? 2 : 1);
        }
        return at;
    }
}
