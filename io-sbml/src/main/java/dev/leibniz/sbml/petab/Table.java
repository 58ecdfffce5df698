package dev.leibniz.sbml.petab;

import dev.leibniz.sbml.SbmlException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A PEtab table: tab-separated, a header row, one record per line. Each {@link Row} knows its
 * file and line so that every error can name them ({@code measurements.tsv:17: …}).
 */
final class Table {
    /** One data row: its cells by column name, its file and line. */
    record Row(Path file, long line, Map<String, String> cells) {
        /** The cell of a column ("" when the column is absent or the cell empty). */
        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.strip();
        }

        /** The cell of a column that must be present and non-empty. */
        String require(String column) {
            String v = get(column);
            if (v.isEmpty()) {
                throw error("no " + column);
            }
            return v;
        }

        /** A finite number in a column. */
        double number(String column) {
            String v = require(column);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw error(column + " '" + v + "' is not a number");
            }
        }

        SbmlException error(String what) {
            return new SbmlException(where() + ": " + what);
        }

        String where() {
            return file + ":" + line;
        }
    }

    private Table() {
    }

    /** The rows of a table file that must have the given columns. */
    static List<Row> read(Path file, String... requiredColumns) {
        CSVFormat format = CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            for (String c : requiredColumns) {
                if (!header.contains(c)) {
                    throw new SbmlException(file + ":1: the table has no column '" + c + "' (columns: " + header + ")");
                }
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(new Row(file, parser.getCurrentLineNumber(), r.toMap()));
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new SbmlException(file + ": no such file");
        } catch (IOException | RuntimeException e) {
            if (e instanceof SbmlException s) {
                throw s;
            }
            throw new SbmlException(file + ": cannot read the table: " + e.getMessage(), e);
        }
    }
}
