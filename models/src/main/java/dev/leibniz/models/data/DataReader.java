package dev.leibniz.models.data;

import dev.leibniz.models.internal.IoMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a {@link DataSet} from CSV, streaming: one pass over the characters ({@link CsvRecords}),
 * one record in memory at a time, so the cost is linear in the file (10⁶ rows × 3 columns in
 * well under two seconds, see docs/benchmarks.md). Rules:
 *
 * <ul>
 *   <li>the first non-comment line is the header; lines starting with {@code #} are comments;
 *       blank lines are ignored; cells are trimmed; a UTF-8 byte-order mark and CRLF or CR line
 *       ends are accepted;</li>
 *   <li>cells are separated by {@code ,} unless another {@link #delimiter(char)} is given; with
 *       {@code ;} (the export of spreadsheets in locales with a decimal comma) a number may be
 *       written with a decimal comma ({@code 1,5}). A header with no {@code ,} but a {@code ;} is
 *       an error that says so and how to read the file;</li>
 *   <li>exactly one column is the time: the one the model names ({@link #timeColumn}), else the
 *       one named exactly {@code t}, {@code time} or {@code year} (so a state {@code T} or
 *       {@code Time} can be observed; two such columns are an error that says so); a
 *       {@code year} column is taken relative to its first value unless an origin is given
 *       ({@link #yearOrigin(double)}), so 1900…1920 becomes 0…20. Data for an algebraic model
 *       have no time ({@link #withoutTime()}): the rows are cases, numbered 1, 2, …;</li>
 *   <li>the other columns are named after states or outputs (checked when
 *       {@link #knownColumns(Collection)} is given);</li>
 *   <li>an empty cell is a missing observation; anything else must be a finite number;</li>
 *   <li>times strictly increase; at least one row has an observation;</li>
 *   <li>at most {@link #MAX_ROWS} data rows and {@link #MAX_FILE_CHARACTERS} characters
 *       (docs/errors.md, "Limits").</li>
 * </ul>
 *
 * Every violation is a {@link DataFileException} naming the file line and the column; the first
 * violation in the file is the one reported (header before rows, rows before whole-file checks).
 */
public final class DataReader {
    /** The most data rows a file may have (ten million: 240 MB of values for three columns). */
    public static final int MAX_ROWS = 10_000_000;
    /** The most characters a data file may have (2³¹ − 1, about 2 GB). */
    public static final long MAX_FILE_CHARACTERS = Integer.MAX_VALUE;

    private Collection<String> known;
    private Double yearOrigin;
    private char delimiter = ',';
    private int maxRows = MAX_ROWS;
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

    /** A {@code year} column is taken relative to this year instead of its first value (0 keeps years as they are). */
    public DataReader yearOrigin(double origin) {
        this.yearOrigin = origin;
        return this;
    }

    /**
     * The cell separator (default {@code ,}); with {@code ;} numbers may have a decimal comma.
     *
     * @throws DataFileException for a quote, a line break, {@code #} or a character that may be
     *                           part of a number
     */
    public DataReader delimiter(char d) {
        if (d == '"' || d == '\n' || d == '\r' || d == '#' || d == '.' || d == '-' || d == '+'
                || Character.isLetterOrDigit(d)) {
            throw new DataFileException("--delimiter", 0, null, "'" + d + "' cannot separate cells; use one of , ; tab |");
        }
        this.delimiter = d;
        return this;
    }

    /** A lower row limit than {@link #MAX_ROWS} (for tests and callers with less memory). */
    public DataReader maxRows(int rows) {
        this.maxRows = rows;
        return this;
    }

    /** The conventional names of a time column, matched exactly (a column {@code T} may be a state). */
    private static final Set<String> TIME_NAMES = Set.of("t", "time", "year");

    /**
     * Whether a header cell names the time, the one place this rule is written: never without
     * time; the model's time column if it named one; else exactly {@code t}, {@code time} or
     * {@code year} (any other case is an ordinary column, so a state {@code T} can be observed).
     */
    private boolean isTime(String name) {
        return !withoutTime && (timeColumn != null ? name.equals(timeColumn) : TIME_NAMES.contains(name));
    }

    /** Reads a file, streaming; errors name the file by its file name. */
    public DataSet read(Path path) {
        String name = path.getFileName() != null ? path.getFileName().toString() : path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            return read(name, r);
        } catch (CharacterCodingException e) {
            throw new DataFileException(name, 0, null, "cannot read the data file: it is not a text file in UTF-8");
        } catch (IOException e) {
            throw new DataFileException(path.toString(), 0, null, "cannot read the data file: " + IoMessages.why(path, e));
        }
    }

    /** Reads CSV text; {@code fileName} is used in error messages. */
    public DataSet parse(String fileName, String text) {
        try {
            return read(fileName, new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Reads CSV from a character stream (not closed here); {@code fileName} is used in error messages. */
    public DataSet read(String fileName, Reader text) throws IOException {
        CsvRecords records = new CsvRecords(fileName, text, delimiter);
        if (!records.next()) {
            throw new DataFileException(fileName, 0, null, "no header line; expected a header such as 't,x,y'");
        }
        Header header = header(fileName, records);
        Rows rows = new Rows();
        double previous = Double.NEGATIVE_INFINITY;
        String previousText = null;
        while (records.next()) {
            int line = records.line();
            if (rows.count == maxRows) {
                throw new DataFileException(fileName, line, null, "more than " + maxRows + " data rows (the limit on"
                        + " rows, docs/errors.md); split the data or thin it out");
            }
            if (records.characters() > MAX_FILE_CHARACTERS) {
                throw new DataFileException(fileName, line, null, "the file is larger than " + MAX_FILE_CHARACTERS
                        + " characters (the limit on data file size, docs/errors.md)");
            }
            List<String> cells = records.cells();
            checkCellCount(fileName, line, cells, header);
            String tc = header.timeIndex < 0 ? Integer.toString(rows.count + 1) : cells.get(header.timeIndex);
            double t = header.timeIndex < 0 ? rows.count + 1 : time(fileName, line, header.timeName(), tc, previous, previousText);
            double[] values = new double[header.columns.size()];
            rows.add(t, values, line, cells(fileName, line, cells, header, values));
            previous = t;
            previousText = tc;
        }
        checkUsable(fileName, header, rows);
        double[] times = Arrays.copyOf(rows.times, rows.count);
        double origin = header.years() ? (yearOrigin != null ? yearOrigin : times[0]) : 0.0;
        if (origin != 0.0) {
            for (int r = 0; r < times.length; r++) {
                times[r] -= origin;
            }
        }
        return new DataSet(fileName, header.timeName(), origin, times, header.columns,
                Arrays.copyOf(rows.values, rows.count), Arrays.copyOf(rows.lines, rows.count));
    }

    /**
     * The header: its cells, the time column, and the other columns with their cell index.
     *
     * @param cells       the header's cells
     * @param line        its file line
     * @param timeIndex   the cell index of the time column
     * @param columns     the data columns' names, in file order
     * @param columnIndex the cell index of each data column
     */
    private record Header(List<String> cells, int line, int timeIndex, List<String> columns, int[] columnIndex) {
        String timeName() {
            return timeIndex < 0 ? "row" : cells.get(timeIndex);
        }

        /** A {@code year} column is shifted to its origin; {@code t} and {@code time} are taken as they are. */
        boolean years() {
            return timeIndex >= 0 && timeName().equalsIgnoreCase("year");
        }
    }

    /** The data rows read so far, in growing arrays: times (not yet shifted), values (NaN = missing), file lines. */
    private static final class Rows {
        double[] times = new double[1024];
        double[][] values = new double[1024][];
        int[] lines = new int[1024];
        int count;
        long observed;

        void add(double t, double[] row, int line, int observedCells) {
            if (count == times.length) {
                int n = count * 2;
                times = Arrays.copyOf(times, n);
                values = Arrays.copyOf(values, n);
                lines = Arrays.copyOf(lines, n);
            }
            times[count] = t;
            values[count] = row;
            lines[count] = line;
            count++;
            observed += observedCells;
        }
    }

    /**
     * Checks the header cells left to right (named, unique, at most one time column, known when
     * {@link #knownColumns} was given) and then that a time column exists, so the first bad cell
     * is the one reported. A header of one cell holding a {@code ;} is a file separated by
     * semicolons read with the wrong delimiter, and is reported as that.
     */
    private Header header(String fileName, CsvRecords records) {
        List<String> header = List.copyOf(records.cells());
        int headerLine = records.line();
        if (header.size() == 1 && delimiter != ';' && header.get(0).indexOf(';') >= 0) {
            throw new DataFileException(fileName, headerLine, null, "the header '" + header.get(0) + "' has no '"
                    + delimiter + "' but has ';': the file looks semicolon-separated (a spreadsheet export with decimal"
                    + " commas?); read it with --delimiter ';'");
        }
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
                    + String.join(", ", header) + ")"
                    : "no time column; expected a column named t, time or year (found: "
                    + String.join(", ", header) + ")");
        }
        return new Header(header, headerLine, timeIndex, columns, columnIndex.stream().mapToInt(Integer::intValue).toArray());
    }

    private void checkCellCount(String fileName, int line, List<String> cells, Header h) {
        if (cells.size() != h.cells.size()) {
            String hint = cells.size() == 1 && delimiter != ';' && cells.get(0).indexOf(';') >= 0
                    ? " (the row is separated by ';'; read the file with --delimiter ';')" : "";
            throw new DataFileException(fileName, line, null, "the row has " + cells.size() + " cell"
                    + (cells.size() == 1 ? "" : "s") + ", the header has " + h.cells.size() + hint);
        }
    }

    /** A row's time, after checking it is present, a number, and after the previous row's. */
    private double time(String fileName, int line, String timeName, String tc, double previous, String previousText) {
        if (tc.isEmpty()) {
            throw new DataFileException(fileName, line, timeName, "the time is missing; every row needs one");
        }
        double t = number(fileName, line, timeName, tc);
        if (previousText != null && !(t > previous)) {
            throw new DataFileException(fileName, line, timeName, "time " + tc + " is not after the previous row's "
                    + previousText + "; times must strictly increase");
        }
        return t;
    }

    /** Reads one row's data cells into {@code values} (NaN for an empty cell); returns how many were observed. */
    private int cells(String fileName, int line, List<String> cells, Header h, double[] values) {
        int observed = 0;
        for (int j = 0; j < values.length; j++) {
            String cell = cells.get(h.columnIndex[j]);
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
        if (rows.count == 0) {
            throw new DataFileException(fileName, h.line, null, "no usable rows: the file has a header but no data");
        }
        if (h.columns.isEmpty()) {
            throw new DataFileException(fileName, h.line, null, "no usable rows: there is no column besides the time");
        }
        if (rows.observed == 0) {
            throw new DataFileException(fileName, rows.lines[rows.count - 1], null,
                    "no usable rows: every observation cell is empty");
        }
    }

    /**
     * A finite decimal number ({@link DecimalCells}); with the {@code ;} delimiter a decimal comma
     * is read as a point. Java's extras ("NaN", "Infinity", "1d", hex) are refused.
     */
    private double number(String file, int line, String column, String cell) {
        String text = cell;
        if (delimiter == ';' && DecimalCells.hasDecimalComma(cell)) {
            text = cell.replace(',', '.');
        }
        double v = DecimalCells.parse(text);
        if (Double.isNaN(v)) {
            String hint = delimiter != ';' && DecimalCells.hasDecimalComma(cell) ? "; a decimal comma is read only"
                    + " with --delimiter ';'" : " (leave the cell empty for a missing observation)";
            throw new DataFileException(file, line, column, "'" + cell + "' is not a number" + hint);
        }
        if (!Double.isFinite(v)) {
            throw new DataFileException(file, line, column, "'" + cell + "' is too large for a double (number out of range)");
        }
        return v;
    }
}
