package dev.leibniz.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A Markdown table: a header, then rows of cells; a missing value prints as "—". */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; null cells (results that are missing) print as "—". */
    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for a table of " + header.size()
                    + " columns " + header);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "—" : c.toString()).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("| ").append(String.join(" | ", header)).append(" |\n");
        s.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            s.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return s.toString();
    }
}
