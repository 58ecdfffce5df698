package dev.leibniz.models.spec;

import dev.leibniz.core.LeibnizException;

/**
 * A model file is wrong: a syntax error, an unknown or duplicate name, a missing or extra
 * {@code der}, a circular definition. The message reads like a compiler's,
 * {@code lotka.model:7:12: unknown name 'gama' (did you mean 'gamma'? known: alpha, beta, …)},
 * so an editor or a terminal can jump to the place.
 */
public class ModelFileException extends LeibnizException {
    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param file   the file name as given to the parser
     * @param line   1-based line number
     * @param column 1-based column (characters from the start of the line)
     * @param detail what is wrong and what was expected
     */
    public ModelFileException(String file, int line, int column, String detail) {
        super(file + ":" + line + ":" + column + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the {@code file:line:column:} prefix. */
    public String detail() {
        return detail;
    }
}
