package dev.leibniz.models.calibration.nist;

import dev.leibniz.models.data.DataSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NIST StRD nonlinear regression problem, read from NIST's original {@code .dat} text (never
 * retyped): the two starting points, the certified parameter values and standard deviations,
 * the certified residual sum of squares, and the data (response first, then the predictors).
 *
 * <p>The file layout NIST uses for all 27 problems: a line {@code b1 = START1 START2 VALUE SD} per
 * parameter, {@code Residual Sum of Squares: RSS}, {@code Number of Observations: N}, and after a
 * header {@code Data: y x…} the N rows of numbers.
 *
 * @param name        the file's base name (Misra1a, …)
 * @param parameters  b1, b2, … in file order
 * @param start1      NIST's first starting point (far)
 * @param start2      NIST's second starting point (near)
 * @param certified   certified parameter values
 * @param certifiedSd certified standard deviations
 * @param rss         certified residual sum of squares
 * @param columns     the data columns, response first ({@code y, x} or {@code y, x1, x2})
 * @param data        {@code data[row][column]}
 */
public record NistProblem(String name, List<String> parameters, double[] start1, double[] start2, double[] certified,
                          double[] certifiedSd, double rss, List<String> columns, double[][] data) {
    private static final String NUM = "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)";
    private static final Pattern PARAM = Pattern.compile("^\\s*(b\\d+)\\s*=\\s*" + NUM + "\\s+" + NUM + "\\s+" + NUM
            + "\\s+" + NUM + "\\s*$");
    private static final Pattern RSS = Pattern.compile("^\\s*Residual Sum of Squares:\\s*" + NUM + "\\s*$");
    private static final Pattern COUNT = Pattern.compile("^\\s*Number of Observations:\\s*(\\d+)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^Data:((?:\\s+[a-z]\\w*)+)\\s*$");

    /** Reads a {@code .dat} file; every field must be found, and exactly N data rows. */
    public static NistProblem read(Path dat) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dat, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = dat.getFileName().toString();
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        double rss = Double.NaN;
        int n = -1;
        List<String> columns = null;
        for (String line : lines) {
            Matcher m;
            if (columns != null) {
                if (!line.isBlank()) {
                    String[] cells = line.trim().split("\\s+");
                    if (cells.length != columns.size()) {
                        throw new IllegalArgumentException(file + ": data row '" + line + "' has " + cells.length
                                + " numbers, expected " + columns.size());
                    }
                    double[] row = new double[cells.length];
                    for (int c = 0; c < cells.length; c++) {
                        row[c] = Double.parseDouble(cells[c]);
                    }
                    rows.add(row);
                }
            } else if ((m = PARAM.matcher(line)).matches()) {
                names.add(m.group(1));
                rows.add(new double[] {num(m, 2), num(m, 3), num(m, 4), num(m, 5)});
            } else if ((m = RSS.matcher(line)).matches()) {
                rss = num(m, 1);
            } else if ((m = COUNT.matcher(line)).matches()) {
                n = Integer.parseInt(m.group(1));
            } else if ((m = HEADER.matcher(line)).matches()) {
                columns = List.of(m.group(1).trim().split("\\s+"));
            }
        }
        int p = names.size();
        if (p == 0 || Double.isNaN(rss) || n < 0 || columns == null || rows.size() != p + n) {
            throw new IllegalArgumentException(file + ": not a NIST StRD nonlinear regression file (" + p
                    + " parameters, RSS " + rss + ", " + n + " observations declared, " + (rows.size() - p) + " read)");
        }
        double[][] table = new double[4][p];
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < 4; k++) {
                table[k][i] = rows.get(i)[k];
            }
        }
        double[][] data = rows.subList(p, p + n).toArray(new double[0][]);
        String name = file.endsWith(".dat") ? file.substring(0, file.length() - 4) : file;
        return new NistProblem(name, List.copyOf(names), table[0], table[1], table[2], table[3], rss, columns, data);
    }

    private static double num(Matcher m, int group) {
        return Double.parseDouble(m.group(group));
    }

    /** The data as a {@link DataSet} without time: rows numbered 1…N, columns as in the file. */
    public DataSet dataSet() {
        double[] rowNumbers = new double[data.length];
        for (int r = 0; r < data.length; r++) {
            rowNumbers[r] = r + 1;
        }
        return DataSet.of(name + ".dat", rowNumbers, columns, data);
    }

    /** The starting point 1 or 2. */
    public double[] start(int which) {
        return (which == 1 ? start1 : start2).clone();
    }

    /**
     * The log relative error −log₁₀(|x − c| / |c|) (McCullough 1998): the number of significant
     * digits of x that agree with the certified c; capped at 15 (double precision) when equal.
     */
    public static double lre(double x, double c) {
        if (!Double.isFinite(x)) {
            return 0;
        }
        if (x == c) {
            return 15;
        }
        double e = c == 0 ? Math.abs(x) : Math.abs(x - c) / Math.abs(c);
        return Math.max(0, Math.min(15, -Math.log10(e)));
    }
}
