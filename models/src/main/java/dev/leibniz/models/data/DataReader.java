package dev.leibniz.models.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a {@link DataSet} from CSV (via Apache Commons CSV). Rules:
 *
 * <ul>
 *   <li>the first non-comment line is the header; lines starting with {@code #} are comments;
 *       blank lines are ignored; cells are trimmed;</li>
 *   <li>exactly one column is the time: the one the model names ({@link #timeColumn}), else the
 *       one named exactly {@code t}, {@code time} or {@code year} (so a state {@code T} or
 *       {@code Time} can be observed; two such columns are an error that says so); a
 *       {@code year} column is taken relative to its first value unless an origin is given
 *       ({@link #yearOrigin(double)}), so 1900…1920 becomes 0…20. Data for an algebraic model
 *       have no time ({@link #withoutTime()}): the rows are cases, numbered 1, 2, …;</li>
 *   <li>the other columns are named after states or outputs (checked when
 *       {@link #knownColumns(Collection)} is given);</li>
 *   <li>an empty cell is a missing observation; anything else must be a finite number;</li>
 *   <li>times strictly increase; at least one row has an observation.</li>
 * </ul>
 *
 * Every violation is a {@link DataFileException} naming the file line and the column.
 */
public final class DataReader {
    private static final Set<String> TIME_NAMES = Set.of("t", "time", "year");

    private Collection<String> known;
    private Double yearOrigin;
    private String timeColumn;
    private boolean withoutTime;

    /** A reader that accepts any column names and takes years relative to the first. */
    public DataReader() {
    }

    /** Only these column names are accepted (besides the time column); others are an error. */
    public DataReader knownColumns(Collection<String> names) {
        this.known = List.copyOf(names);
        return this;
    }

    /** The time is the column of this exact name (a model file's {@code time} line); null: t, time or year. */
    public DataReader timeColumn(String name) {
        this.timeColumn = name;
        return this;
    }

    /**
     * No column is the time (data of an algebraic model): the rows are cases in any order, their
     * "times" the row numbers 1, 2, … ({@link DataSet#timeColumn()} is {@code "row"}).
     */
    public DataReader withoutTime() {
        this.withoutTime = true;
        return this;
    }

    /**
     * Whether a header cell names the time: never without time; the model's time column if it
     * named one; else exactly {@code t}, {@code time} or {@code year} (any other case is an
     * ordinary column, so a state {@code T} can be observed).
     */
    private boolean isTime(String name) {
        return !withoutTime && (timeColumn != null ? name.equals(timeColumn) : TIME_NAMES.contains(name));
    }

    /** A {@code year} column is taken relative to this year instead of its first value (0 keeps years as they are). */
    public DataReader yearOrigin(double origin) {
        this.yearOrigin = origin;
        return this;
    }

    /** Reads a file; errors name the file by its file name. */
    public DataSet read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFileException(path.toString(), 0, null, "cannot read the data file: "
                    + dev.leibniz.models.IoMessages.why(path, e));
        }
        return parse(path.getFileName().toString(), text);
    }

    /** Reads CSV text; {@code fileName} is used in error messages. */
    public DataSet parse(String fileName, String text) {
        List<CSVRecord> records = records(fileName, text);
        List<String> physical = List.of(text.split("\r\n|\r|\n", -1));
        int[] lineOf = new int[records.size()];
        for (int i = 0; i < lineOf.length; i++) {
            lineOf[i] = lineOf(text, physical, records.get(i));
        }
        Header header = header(fileName, records.get(0), lineOf[0]);
        Rows rows = rows(fileName, records, lineOf, header);
        checkUsable(fileName, header, rows);
        double origin = header.years() ? (yearOrigin != null ? yearOrigin : rows.times[0]) : 0.0;
        if (origin != 0.0) {
            for (int r = 0; r < rows.times.length; r++) {
                rows.times[r] -= origin;
            }
        }
        return new DataSet(fileName, header.timeName(), origin, rows.times, header.columns, rows.values, rows.lines);
    }

    /**
     * The header: the time column, and the other columns with their cell index in a row.
     *
     * @param cells       the header record
     * @param line        its file line
     * @param timeIndex   the cell index of the time column
     * @param columns     the data columns' names, in file order
     * @param columnIndex the cell index of each data column
     */
    private record Header(CSVRecord cells, int line, int timeIndex, List<String> columns, List<Integer> columnIndex) {
        String timeName() {
            return timeIndex < 0 ? "row" : cells.get(timeIndex);
        }

        /** A {@code year} column is shifted to its origin; {@code t} and {@code time} are taken as they are. */
        boolean years() {
            return timeIndex >= 0 && timeName().equalsIgnoreCase("year");
        }
    }

    /** The data rows as read: times (not yet shifted), values (NaN = missing), file lines, observed cells. */
    private record Rows(double[] times, double[][] values, int[] lines, int observed) {
    }

    /**
     * Every non-comment, non-blank record of the text, the header first. Commons CSV does the
     * quoting, trimming and comment rules; a text it cannot tokenize (an unterminated quote, say)
     * or one with no record at all is an error of the file as a whole (line 0).
     */
    private static List<CSVRecord> records(String fileName, String text) {
        List<CSVRecord> records = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : parser) {
                records.add(r);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataFileException(fileName, 0, null, "not readable as CSV: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new DataFileException(fileName, 0, null, "no header line; expected a header such as 't,x,y'");
        }
        return records;
    }

    /**
     * Checks the header cells left to right (named, unique, at most one time column, known when
     * {@link #knownColumns} was given) and then that a time column exists, so the first bad cell
     * is the one reported.
     */
    private Header header(String fileName, CSVRecord header, int headerLine) {
        int timeIndex = -1;
        List<String> columns = new ArrayList<>();
        List<Integer> columnIndex = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new DataFileException(fileName, headerLine, null, "header cell " + (c + 1) + " is empty; every column needs a name");
            }
            if (!seen.add(name)) {
                throw new DataFileException(fileName, headerLine, name, "appears twice in the header");
            }
            if (isTime(name)) {
                if (timeIndex >= 0) {
                    throw new DataFileException(fileName, headerLine, name, "two columns could be the time, '"
                            + header.get(timeIndex) + "' and '" + name + "'; name the time column in the model file with"
                            + " a line 'time " + header.get(timeIndex) + "' (or rename the other column)");
                }
                timeIndex = c;
            } else {
                if (known != null && !known.contains(name)) {
                    String hint = !withoutTime && TIME_NAMES.contains(name.toLowerCase(Locale.ROOT))
                            ? " (a time column is named exactly t, time or year, or by a line 'time " + name
                            + "' in the model file)" : "";
                    throw new DataFileException(fileName, headerLine, name, (withoutTime
                            ? "unknown column; expected an input or an output of the model: "
                            : "unknown column; expected the time (t, time or year) or a state or output of the model: ")
                            + String.join(", ", known) + hint);
                }
                columns.add(name);
                columnIndex.add(c);
            }
        }
        if (timeIndex < 0 && !withoutTime) {
            throw new DataFileException(fileName, headerLine, null, timeColumn != null
                    ? "no column '" + timeColumn + "', the time column the model names (found: "
                    + String.join(", ", header.toList()) + ")"
                    : "no time column; expected a column named t, time or year (found: "
                    + String.join(", ", header.toList()) + ")");
        }
        return new Header(header, headerLine, timeIndex, columns, columnIndex);
    }

    /**
     * Reads the rows after the header in file order, each completely (its cell count, its time,
     * then its cells) before the next, so the error reported is the first in the file.
     */
    private static Rows rows(String fileName, List<CSVRecord> records, int[] lineOf, Header h) {
        int rows = records.size() - 1;
        double[] times = new double[rows];
        double[][] values = new double[rows][h.columns.size()];
        int[] lines = new int[rows];
        int observed = 0;
        for (int r = 0; r < rows; r++) {
            lines[r] = lineOf[r + 1];
            times[r] = time(fileName, records, r, lines[r], h, times);
            observed += cells(fileName, records.get(r + 1), lines[r], h, values[r]);
        }
        return new Rows(times, values, lines, observed);
    }

    /**
     * The time of data row {@code r} (record r + 1), after checking the row's cell count and that
     * the time is present, a number, and after the previous row's ({@code times[r - 1]}).
     */
    private static double time(String fileName, List<CSVRecord> records, int r, int line, Header h, double[] times) {
        CSVRecord rec = records.get(r + 1);
        if (rec.size() != h.cells.size()) {
            throw new DataFileException(fileName, line, null, "the row has " + rec.size() + " cell"
                    + (rec.size() == 1 ? "" : "s") + ", the header has " + h.cells.size());
        }
        if (h.timeIndex < 0) {
            return r + 1;
        }
        String timeName = h.timeName();
        String tc = rec.get(h.timeIndex);
        if (tc.isEmpty()) {
            throw new DataFileException(fileName, line, timeName, "the time is missing; every row needs one");
        }
        double t = number(fileName, line, timeName, tc);
        if (r > 0 && !(t > times[r - 1])) {
            throw new DataFileException(fileName, line, timeName, "time " + tc + " is not after the previous row's "
                    + records.get(r).get(h.timeIndex) + "; times must strictly increase");
        }
        return t;
    }

    /** Reads one row's data cells into {@code values} (NaN for an empty cell); returns how many were observed. */
    private static int cells(String fileName, CSVRecord rec, int line, Header h, double[] values) {
        int observed = 0;
        for (int j = 0; j < h.columns.size(); j++) {
            String cell = rec.get(h.columnIndex.get(j));
            if (cell.isEmpty()) {
                values[j] = Double.NaN;
            } else {
                values[j] = number(fileName, line, h.columns.get(j), cell);
                observed++;
            }
        }
        return observed;
    }

    /**
     * The whole-file checks, after every row was read: some data row, some column besides the
     * time, and at least one observed cell (reported at the last row).
     */
    private static void checkUsable(String fileName, Header h, Rows rows) {
        if (rows.times.length == 0) {
            throw new DataFileException(fileName, h.line, null, "no usable rows: the file has a header but no data");
        }
        if (h.columns.isEmpty()) {
            throw new DataFileException(fileName, h.line, null, "no usable rows: there is no column besides the time");
        }
        if (rows.observed == 0) {
            throw new DataFileException(fileName, rows.lines[rows.times.length - 1], null,
                    "no usable rows: every observation cell is empty");
        }
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** A finite decimal number; Java's extras ("NaN", "Infinity", "1d", hex) are refused. */
    private static double number(String file, int line, String column, String cell) {
        if (!NUMBER.matcher(cell).matches()) {
            throw new DataFileException(file, line, column, "'" + cell + "' is not a number (leave the cell empty for "
                    + "a missing observation)");
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new DataFileException(file, line, column, "'" + cell + "' is too large for a double");
        }
        return v;
    }

    /**
     * The file line a record starts on. Commons CSV reports the character position where it
     * started looking, which may be before comment or blank lines it skipped; the record starts
     * at the first line from there that is neither.
     */
    private static int lineOf(String text, List<String> physical, CSVRecord rec) {
        long pos = rec.getCharacterPosition();
        int line = 0;
        for (int i = 0; i < pos && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        while (line < physical.size() - 1 && (physical.get(line).isBlank() || physical.get(line).startsWith("#"))) {
            line++;
        }
        return line + 1;
    }
}
