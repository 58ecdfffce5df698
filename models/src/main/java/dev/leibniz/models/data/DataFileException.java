package dev.leibniz.models.data;

import dev.leibniz.core.LeibnizException;

/**
 * A data file is wrong: a non-numeric cell, an unknown or duplicate column, no time column,
 * non-increasing time, no usable rows. The message names the file, the line (the row as it
 * appears in the file, comments and header included) and the column:
 * {@code lynx-hare.csv:7: column 'lynx': 'n/a' is not a number (leave the cell empty for a missing observation)}.
 */
public class DataFileException extends LeibnizException {
    private final String file;
    private final int line;
    private final String column;
    private final String detail;

    /**
     * @param file   the file name
     * @param line   1-based line in the file, or 0 when the problem is not on one line
     * @param column the column's header name, or null when not about one column
     * @param detail what is wrong and what was expected
     */
    public DataFileException(String file, int line, String column, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (column != null ? "column '" + column + "': " : "") + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String file() {
        return file;
    }

    /** 1-based line of the file, 0 when the error is about the file as a whole. */
    public int line() {
        return line;
    }

    /** The column's name, or null. */
    public String column() {
        return column;
    }

    public String detail() {
        return detail;
    }
}
