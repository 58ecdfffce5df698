package dev.leibniz.models.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text, read one at a time from a {@link Reader} in a single pass: the
 * work is linear in the characters and the memory is one record, whatever the file's size.
 *
 * <p>Rules (RFC 4180 plus what spreadsheet exports add): a record ends at LF, CRLF or a lone CR;
 * a UTF-8 byte-order mark (U+FEFF) before the first character is skipped; a line whose first
 * character is {@code #} is a comment; blank lines (nothing but spaces and tabs) are skipped, so
 * a trailing empty line is harmless; a cell may be quoted with {@code "…"}, a quote inside
 * written {@code ""}, and a quoted cell may hold the delimiter or a line break; cells are trimmed.
 *
 * <p>Every record knows the file line it starts on ({@link #line()}), counted over every line
 * ending, comment and blank line, so messages point where an editor shows the row. Why not
 * Commons CSV: it reports a record's character offset, not its line, and turning offsets into
 * lines re-scanned the text for every record (quadratic: 38 s for 40 000 rows).
 */
final class CsvRecords {
    private static final int BUFFER = 1 << 16;

    private final String file;
    private final Reader in;
    private final char delimiter;
    private final char[] buf = new char[BUFFER];
    private int len;
    private int pos;
    /** The file line of the next character (1-based). */
    private int nextLine = 1;
    private boolean first = true;

    private final List<String> cells = new ArrayList<>();
    private final StringBuilder cell = new StringBuilder();
    private int line;
    private long characters;

    CsvRecords(String file, Reader in, char delimiter) {
        this.file = file;
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The cells of the current record (trimmed); valid until the next call of {@link #next()}. */
    List<String> cells() {
        return cells;
    }

    /** The file line the current record starts on. */
    int line() {
        return line;
    }

    /** Characters read so far (for the file-size limit). */
    long characters() {
        return characters;
    }

    /**
     * Reads the next record that is neither a comment nor blank.
     *
     * @return false at the end of the text
     * @throws DataFileException for a quote that is never closed (at the record's line)
     */
    boolean next() throws IOException {
        while (true) {
            int c = peek();
            if (c < 0) {
                return false;
            }
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    pos++;
                    continue;
                }
            }
            line = nextLine;
            if (c == '#') {
                skipLine();
                continue;
            }
            if (readRecord()) {
                return true;
            }
        }
    }

    /** Reads one line's record into {@link #cells}; false when the line was blank. */
    private boolean readRecord() throws IOException {
        cells.clear();
        while (true) {
            int end = cell();
            if (end == delimiter) {
                cells.add(value);
                continue;
            }
            if (end == '\r') {
                endOfLineAfterCr();
            } else if (end == '\n') {
                nextLine++;
            }
            if (cells.isEmpty() && value.isEmpty() && !quotedCell) {
                return false; // a blank line
            }
            cells.add(value);
            return true;
        }
    }

    /** The current cell's trimmed text, set by {@link #cell()}. */
    private String value;
    /** Whether the current cell had quotes (so an empty one is a cell, not a blank line). */
    private boolean quotedCell;

    /**
     * Reads one cell into {@link #value} and consumes what ends it: the delimiter, a line
     * break, or the end of the text (returned; -1 for the end). The common case, an unquoted
     * cell inside the buffer, is cut from the buffer in one piece; a quoted cell, or one that
     * runs past the buffer's end, is read character by character.
     */
    private int cell() throws IOException {
        quotedCell = false;
        int i = pos;
        while (i < len) {
            char ch = buf[i];
            if (ch == delimiter || ch == '\n' || ch == '\r' || ch == '"') {
                break;
            }
            i++;
        }
        if (i < len && buf[i] != '"') {
            int from = pos;
            int to = i;
            while (from < to && isBlank(buf[from])) {
                from++;
            }
            while (to > from && isBlank(buf[to - 1])) {
                to--;
            }
            value = from == to ? "" : new String(buf, from, to - from);
            pos = i + 1;
            return buf[i];
        }
        return slowCell();
    }

    /** {@link #cell()} character by character, with quotes and buffer refills. */
    private int slowCell() throws IOException {
        cell.setLength(0);
        while (true) {
            int c = read();
            if (c < 0 || c == delimiter || c == '\n' || c == '\r') {
                value = cell.toString().strip();
                return c;
            }
            if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted();
                quotedCell = true;
            } else {
                cell.append((char) c);
            }
        }
    }

    /** What {@link String#strip()} removes. */
    private static boolean isBlank(char c) {
        return Character.isWhitespace(c);
    }

    /** The rest of a quoted cell, after its opening quote: up to the closing quote. */
    private void quoted() throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new DataFileException(file, line, null, "a quoted cell is never closed: the '\"' has no"
                        + " matching '\"' before the end of the file");
            }
            if (c == '"') {
                if (peek() == '"') {
                    pos++;
                    cell.append('"');
                    continue;
                }
                return;
            }
            if (c == '\n') {
                nextLine++;
            } else if (c == '\r') {
                if (peek() == '\n') {
                    pos++;
                    cell.append('\r');
                    c = '\n';
                }
                nextLine++;
            }
            cell.append((char) c);
        }
    }

    private void skipLine() throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                return;
            }
            if (c == '\n') {
                nextLine++;
                return;
            }
            if (c == '\r') {
                endOfLineAfterCr();
                return;
            }
        }
    }

    /** After a CR: a following LF belongs to the same line ending (CRLF). */
    private void endOfLineAfterCr() throws IOException {
        if (peek() == '\n') {
            pos++;
        }
        nextLine++;
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, BUFFER);
        if (n <= 0) {
            len = 0;
            pos = 0;
            return false;
        }
        characters += n;
        len = n;
        pos = 0;
        return true;
    }
}
