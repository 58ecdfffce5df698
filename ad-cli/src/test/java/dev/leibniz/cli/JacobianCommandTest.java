package dev.leibniz.cli;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leibniz jacobian}'s output byte for byte: the JSON document of the documented
 * bidiagonal example, the text with a spy plot, the size limit of the dense values, the
 * truncated pattern of a large Jacobian, and the refusal of a non-finite entry.
 */
class JacobianCommandTest {
    static final String[] BIDIAGONAL = {"jacobian", "--expr", "x*y; y*z; z*w; w^2", "--at", "x=1,y=2,z=3,w=4"};

    static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    /**
     * The documented example as JSON: the pattern of a bidiagonal 4×4 matrix row by row, two
     * column colors ({x, z} and {y, w} never share a row) against four dense sweeps, and the
     * closed-form values d(xy)/dx = y = 2, d(xy)/dy = x = 1, …, d(w²)/dw = 2w = 8.
     */
    @Test
    void jsonDocumentOfTheDocumentedExample() {
        CliRun r = CliRun.of(with(BIDIAGONAL, "--json"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(String.join("\n",
                "{",
                "  \"rows\" : 4,",
                "  \"cols\" : 4,",
                "  \"outputs\" : [ \"f1\", \"f2\", \"f3\", \"f4\" ],",
                "  \"inputs\" : [ \"x\", \"y\", \"z\", \"w\" ],",
                "  \"nnz\" : 7,",
                "  \"pattern\" : [ [ 0, 0 ], [ 0, 1 ], [ 1, 1 ], [ 1, 2 ], [ 2, 2 ], [ 2, 3 ], [ 3, 3 ] ],",
                "  \"maxNonzerosPerRow\" : 2,",
                "  \"maxNonzerosPerColumn\" : 2,",
                "  \"colors\" : 2,",
                "  \"direction\" : \"columns\",",
                "  \"denseSweeps\" : 4,",
                "  \"format\" : \"dense\",",
                "  \"values\" : [ [ 2.0, 1.0, 0.0, 0.0 ], [ 0.0, 3.0, 2.0, 0.0 ], [ 0.0, 0.0, 4.0, 3.0 ], [ 0.0, 0.0, 0.0, 8.0 ] ]",
                "}"), r.out().strip());
    }

    @Test
    void textWithASpyPlotSaysWhereItWrote(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("spy.png");
        CliRun r = CliRun.of(with(BIDIAGONAL, "--spy", png.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(String.join("\n",
                "expressions [f1, f2, f3, f4]: 4 x 4 Jacobian, 7 nonzeros",
                "compressed by columns: 2 sweeps instead of 4 (lower bound 2)",
                "values:",
                "       2.00000     1.00000     0.00000     0.00000",
                "       0.00000     3.00000     2.00000     0.00000",
                "       0.00000     0.00000     4.00000     3.00000",
                "       0.00000     0.00000     0.00000     8.00000",
                "wrote " + png,
                ""), r.out().replace(System.lineSeparator(), "\n"));
        assertTrue(Files.size(png) > 0);
    }

    /** "x1; x2; …; xm" over inputs x1 … xn: an m×n identity-like Jacobian, values shown up to 400 entries. */
    private static CliRun diagonal(int m, int n, String... more) {
        StringJoiner expr = new StringJoiner("; ");
        StringJoiner at = new StringJoiner(",");
        for (int i = 1; i <= n; i++) {
            if (i <= m) {
                expr.add("x" + i + (i < n ? "*x" + (i + 1) : ""));
            }
            at.add("x" + i + "=1");
        }
        return CliRun.of(with(new String[] {"jacobian", "--expr", expr.toString(), "--at", at.toString()}, more));
    }

    /** Issue 16, item 6: JSON holds every value whatever the size; the text leaves them out above 400 entries and says where to get them. */
    @Test
    void jsonHoldsEveryValueWhateverTheSize() {
        CliRun square = diagonal(20, 20, "--json");
        assertEquals(0, square.exit(), square.err());
        assertEquals(20, square.json().get("values").size(), "20 × 20 = 400 entries");
        CliRun wider = diagonal(30, 31, "--json");
        assertEquals(0, wider.exit(), wider.err());
        JsonNode values = wider.json().get("values");
        assertEquals(30, values.size(), "30 × 31 = 930 entries: all rows");
        // f_i = x_i * x_{i+1} at x = 1: d f_i / d x_i = d f_i / d x_{i+1} = 1, else 0
        for (int i = 0; i < 30; i++) {
            assertEquals(31, values.get(i).size());
            for (int j = 0; j < 31; j++) {
                assertEquals(j == i || j == i + 1 ? 1.0 : 0.0, values.get(i).get(j).asDouble(), 0.0, i + "," + j);
            }
        }
        assertEquals("x31", wider.json().get("inputs").get(30).asText());
        assertEquals("f30", wider.json().get("outputs").get(29).asText());
        CliRun text = diagonal(30, 31);
        assertTrue(text.out().contains("values: not printed above 400 entries; use --json or --output FILE"), text.out());
    }

    /** Triplets in JSON (0-based, row by row) for the documented example, against the closed-form values. */
    @Test
    void cooTripletsInJson() {
        JsonNode v = CliRun.of(with(BIDIAGONAL, "--json", "--format", "coo")).json().get("values");
        assertEquals("[0,0,1,1,2,2,3]", v.get("row").toString());
        assertEquals("[0,1,1,2,2,3,3]", v.get("col").toString());
        assertEquals("[2.0,1.0,3.0,2.0,4.0,3.0,8.0]", v.get("value").toString());
    }

    /** A Matrix Market file: header, named rows and columns, size line, 1-based triplets in full precision. */
    @Test
    void cooToAMatrixMarketFile(@TempDir Path dir) throws Exception {
        Path mtx = dir.resolve("j.mtx");
        CliRun r = CliRun.of("jacobian", "--expr", "x/3; x*y", "--at", "x=1,y=0.1", "--format", "coo",
                "--output", mtx.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(mtx.toString(), r.json().get("output").asText());
        assertFalse(r.json().has("values"));
        assertEquals(List.of("%%MatrixMarket matrix coordinate real general",
                "% Jacobian written by leibniz: row i is d(output i), column j is d(input j)",
                "% rows: f1 f2", "% cols: x y", "2 2 3",
                "1 1 " + (1.0 / 3), "2 1 0.1", "2 2 1.0"), Files.readAllLines(mtx));
        Path csv = dir.resolve("j.csv");
        CliRun dense = CliRun.of("jacobian", "--expr", "x/3; x*y", "--at", "x=1,y=0.1", "--output", csv.toString());
        assertEquals(0, dense.exit(), dense.err());
        assertEquals(List.of("output,x,y", "f1," + (1.0 / 3) + ",0.0", "f2,0.1,1.0"), Files.readAllLines(csv));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left");
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun r = CliRun.of(with(BIDIAGONAL, "--format", "csr"));
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: Invalid value for option '--format'"), r.err());
    }

    /**
     * The pattern of a 101 × 102 bidiagonal Jacobian (row i has x at columns i and i + 1) is
     * printed for its first 60 rows and 100 columns only; the values are left out.
     */
    @Test
    void aLargePatternIsCutToSixtyRowsAndAHundredColumns() {
        CliRun r = diagonal(101, 102, "--sparsity");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(65, lines.size(), r.out());
        assertTrue(lines.get(0).endsWith(": 101 x 102 Jacobian, 202 nonzeros"), lines.get(0));
        // dense: the fewer of 101 reverse (rows) and 102 forward (columns) sweeps
        assertEquals("compressed by columns: 2 sweeps instead of 101 (lower bound 2)", lines.get(1));
        assertEquals("pattern (x = structural nonzero):", lines.get(2));
        for (int i = 0; i < 60; i++) {
            StringBuilder row = new StringBuilder("  ");
            for (int j = 0; j < 100; j++) {
                row.append(j == i || j == i + 1 ? 'x' : '.');
            }
            assertEquals(row.toString(), lines.get(3 + i), "pattern row " + i);
        }
        assertEquals("colors: 2 column colors (lower bound 2, natural ordering)", lines.get(63));
        assertEquals("values: not printed above 400 entries; use --json or --output FILE", lines.get(64));
    }

    @Test
    void aNonFiniteEntryIsAComputationFailure() {
        CliRun r = CliRun.of("jacobian", "--expr", "sqrt(x); x*y", "--at", "x=0,y=1");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("error: the Jacobian is not finite at this point: df1/dx = Infinity; first non-finite value: anomaly"
                + " in backward pass: the reverse rule of node %1 (sqrt, value 0.0, adjoint 1.0) sent Infinity to its"
                + " argument %0 (value 0.0)", r.err().strip());
    }
}
