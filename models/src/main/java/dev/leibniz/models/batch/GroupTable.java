package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.data.DataFileException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A long table of many groups' data — one row per group and time: a group column, a time column
 * ({@code t}, {@code time} or {@code year}) and observed columns — split into groups, each with
 * its rows in time order, the groups sorted by name. An empty cell is a missing observation (NaN); a cell that is not a
 * number is an error naming the file line and column, except in an observed column, where it
 * becomes NaN-free garbage the group's own fit reports (so one bad group fails alone).
 */
public final class GroupTable {
    /** One group's rows, sorted by time: {@code values[row][column]}. */
    public record Group(String name, double[] times, double[][] values) {
    }

    private final List<String> columns;
    private final List<Group> groups;

    private GroupTable(List<String> columns, List<Group> groups) {
        this.columns = List.copyOf(columns);
        this.groups = List.copyOf(groups);
    }

    /** The observed columns' names (neither the group nor the time column). */
    public List<String> columns() {
        return columns;
    }

    /**
     * The groups: of a file, sorted by name (so that every engine numbers them alike, however
     * the file is split); of {@link #of}, as given.
     */
    public List<Group> groups() {
        return groups;
    }

    /** Reads a CSV file (comments start with #). */
    public static GroupTable read(Path file, String groupColumn) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.getFileName().toString(), r, groupColumn);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), 0, null, "cannot read the table: " + e.getMessage());
        }
    }

    /** Parses CSV text; {@code name} is used in messages. */
    public static GroupTable parse(String name, String text, String groupColumn) {
        try {
            return parse(name, new StringReader(text), groupColumn);
        } catch (IOException e) {
            throw new IllegalStateException("a string reader does not fail", e);
        }
    }

    private static GroupTable parse(String name, Reader in, String groupColumn) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).setHeader().setSkipHeaderRecord(true).get();
        var parser = format.parse(in);
        List<String> header = parser.getHeaderNames();
        int g = header.indexOf(groupColumn);
        if (g < 0) {
            throw new DataFileException(name, 1, groupColumn, "--group-by: no such column; the columns are " + header);
        }
        int t = -1;
        for (int i = 0; i < header.size(); i++) {
            if (i != g && List.of("t", "time", "year").contains(header.get(i).toLowerCase(java.util.Locale.ROOT))) {
                t = i;
            }
        }
        if (t < 0) {
            throw new DataFileException(name, 1, null, "no time column (t, time or year); the columns are " + header);
        }
        List<Integer> observed = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (i != g && i != t) {
                observed.add(i);
                columns.add(header.get(i));
            }
        }
        Map<String, List<double[]>> rows = new TreeMap<>();
        for (CSVRecord rec : parser) {
            int line = (int) parser.getCurrentLineNumber();
            double time = number(name, line, header.get(t), rec.get(t));
            if (Double.isNaN(time)) {
                throw new DataFileException(name, line, header.get(t), "the time is empty");
            }
            double[] row = new double[1 + observed.size()];
            row[0] = time;
            for (int c = 0; c < observed.size(); c++) {
                row[1 + c] = number(name, line, columns.get(c), rec.get(observed.get(c)));
            }
            rows.computeIfAbsent(rec.get(g), k -> new ArrayList<>()).add(row);
        }
        if (rows.isEmpty()) {
            throw new DataFileException(name, 0, null, "the table has no rows");
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : rows.entrySet()) {
            List<double[]> rs = new ArrayList<>(e.getValue());
            rs.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] times = new double[rs.size()];
            double[][] values = new double[rs.size()][];
            for (int k = 0; k < rs.size(); k++) {
                times[k] = rs.get(k)[0];
                values[k] = java.util.Arrays.copyOfRange(rs.get(k), 1, rs.get(k).length);
            }
            groups.add(new Group(e.getKey(), times, values));
        }
        return new GroupTable(columns, groups);
    }

    /** A cell as a number; empty is NaN (missing). */
    private static double number(String file, int line, String column, String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFileException(file, line, column, "'" + cell + "' is not a number");
        }
    }

    /** A table made in code (for generators and tests). */
    public static GroupTable of(List<String> columns, List<Group> groups) {
        if (groups.isEmpty()) {
            throw new LeibnizException("a group table needs at least one group");
        }
        return new GroupTable(columns, groups);
    }
}
