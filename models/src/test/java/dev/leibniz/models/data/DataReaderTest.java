package dev.leibniz.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReaderTest {
    private static final String LYNX = String.join("\n",
            "# Hudson's Bay Company pelts, thousands",
            "# second comment",
            "year,lynx,hare",
            "1900,4.0,30.0",
            "1901,6.1,47.2",
            "",
            "1902, 9.8 ,",
            "# comment between rows",
            "1903,35.2,77.4",
            "");

    @Test
    void readsYearsRelativeToFirstWithCommentsBlanksAndMissingCells() {
        DataSet d = new DataReader().parse("lh.csv", LYNX);
        assertEquals("year", d.timeColumn());
        assertEquals(1900.0, d.timeOrigin());
        assertArrayEquals(new double[] {0, 1, 2, 3}, d.times());
        assertEquals(List.of("lynx", "hare"), d.columns());
        assertEquals(9.8, d.value(2, 0));
        assertFalse(d.isObserved(2, 1));
        assertTrue(Double.isNaN(d.value(2, 1)));
        assertEquals(7, d.observationCount());
        assertArrayEquals(new int[] {4, 5, 7, 9}, new int[] {d.line(0), d.line(1), d.line(2), d.line(3)});
        assertArrayEquals(new double[] {30.0, 47.2, Double.NaN, 77.4}, d.column(1));
    }

    @Test
    void yearOriginCanBeGiven() {
        DataSet d = new DataReader().yearOrigin(1890).parse("lh.csv", LYNX);
        assertArrayEquals(new double[] {10, 11, 12, 13}, d.times());
        DataSet abs = new DataReader().yearOrigin(0).parse("lh.csv", LYNX);
        assertEquals(1903.0, abs.time(3));
    }

    @Test
    void timeAndTColumnsAreTakenAsTheyAre() {
        DataSet d = new DataReader().timeColumn("Time").parse("a.csv", "x,Time\n1,0.5\n2,1.5\n");
        assertEquals("Time", d.timeColumn());
        assertArrayEquals(new double[] {0.5, 1.5}, d.times());
        assertEquals(List.of("x"), d.columns());
        DataSet e = new DataReader().parse("b.csv", "t,x\n-1,3e2\n2,.5\n");
        assertArrayEquals(new double[] {-1, 2}, e.times());
        assertEquals(300.0, e.value(0, 0));
    }

    @Test
    void selectKeepsOrder() {
        DataSet d = new DataReader().parse("lh.csv", LYNX).select(List.of("hare", "lynx"));
        assertEquals(List.of("hare", "lynx"), d.columns());
        assertEquals(30.0, d.value(0, 0));
    }

    @Test
    void readsTheSharedLynxHareFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("hudson.csv");
        Files.writeString(p, LYNX);
        DataSet d = new DataReader().knownColumns(List.of("hare", "lynx")).read(p);
        assertEquals("hudson.csv", d.name());
        assertEquals(4, d.rowCount());
    }

    private static DataFileException fail(DataReader r, String text) {
        return assertThrows(DataFileException.class, () -> r.parse("data.csv", text));
    }

    @Test
    void nonNumericCell() {
        DataFileException e = fail(new DataReader(), "t,x,y\n0,1,2\n1,abc,3\n");
        assertEquals(3, e.line());
        assertEquals("x", e.column());
        assertEquals("data.csv:3: column 'x': 'abc' is not a number (leave the cell empty for a missing observation)",
                e.getMessage());
        assertEquals("NaN", assertThrows(DataFileException.class,
                () -> new DataReader().parse("d.csv", "t,x\n0,NaN\n")).detail().substring(1, 4));
        assertEquals(2, fail(new DataReader(), "t,x\n0,1d\n").line());
    }

    @Test
    void unknownColumn() {
        DataFileException e = fail(new DataReader().knownColumns(List.of("hare", "lynx")), "# c\nyear,hare,wolf\n1,2,3\n");
        assertEquals(2, e.line());
        assertEquals("wolf", e.column());
        assertTrue(e.detail().startsWith("unknown column"), e.detail());
        assertTrue(e.detail().endsWith("hare, lynx"), e.detail());
    }

    @Test
    void nonIncreasingTime() {
        DataFileException e = fail(new DataReader(), "t,x\n0,1\n2,1\n2,3\n");
        assertEquals(4, e.line());
        assertEquals("t", e.column());
        assertEquals("time 2 is not after the previous row's 2; times must strictly increase", e.detail());
    }

    @Test
    void missingTime() {
        DataFileException e = fail(new DataReader(), "t,x\n0,1\n,1\n");
        assertEquals(3, e.line());
        assertEquals("t", e.column());
    }

    @Test
    void noTimeColumn() {
        DataFileException e = fail(new DataReader(), "x,y\n0,1\n");
        assertEquals(1, e.line());
        assertNull(e.column());
        assertEquals("no time column; expected a column named t, time or year (found: x, y)", e.detail());
    }

    @Test
    void twoTimeColumns() {
        DataFileException e = fail(new DataReader(), "t,year,x\n0,1,2\n");
        assertEquals("year", e.column());
    }

    @Test
    void duplicateColumn() {
        DataFileException e = fail(new DataReader(), "t,x,x\n0,1,2\n");
        assertEquals("x", e.column());
        assertEquals("appears twice in the header", e.detail());
    }

    @Test
    void raggedRow() {
        DataFileException e = fail(new DataReader(), "t,x,y\n0,1,2\n1,2\n");
        assertEquals(3, e.line());
        assertEquals("the row has 2 cells, the header has 3", e.detail());
    }

    @Test
    void noUsableRows() {
        assertTrue(fail(new DataReader(), "t,x\n").detail().startsWith("no usable rows"));
        assertTrue(fail(new DataReader(), "# only a comment\n").detail().startsWith("no header"));
        assertTrue(fail(new DataReader(), "t\n0\n1\n").detail().startsWith("no usable rows"));
        DataFileException e = fail(new DataReader(), "t,x\n0,\n1,\n");
        assertEquals(3, e.line());
        assertEquals("no usable rows: every observation cell is empty", e.detail());
    }

    /**
     * The exact text of every error {@code parse} gives, as the class documentation and
     * {@link DataFileException} define it (file, line, column, detail), and which error wins when
     * a file has several: header problems before row problems, row problems before the
     * whole-file checks, "no data" before "no column besides the time".
     */
    @Test
    void everyErrorMessageAndItsPrecedence() {
        DataReader r = new DataReader();
        assertEquals("data.csv:1: header cell 2 is empty; every column needs a name",
                fail(r, "t,,x\n0,1,2\n").getMessage());
        assertEquals("data.csv:1: column 'year': two columns could be the time, 't' and 'year'; name the time column"
                + " in the model file with a line 'time t' (or rename the other column)",
                fail(r, "t,year,x\n0,1,2\n").getMessage());
        assertEquals("data.csv:2: column 'wolf': unknown column; expected the time (t, time or year) or a state or "
                + "output of the model: hare, lynx",
                fail(new DataReader().knownColumns(List.of("hare", "lynx")), "# c\nyear,hare,wolf\n1,2,3\n").getMessage());
        assertEquals("data.csv:1: no time column; expected a column named t, time or year (found: x, y)",
                fail(r, "x,y\n0,1\n").getMessage());
        assertEquals("data.csv:3: the row has 1 cell, the header has 3", fail(r, "t,x,y\n0,1,2\n5\n").getMessage());
        assertEquals("data.csv:3: column 't': the time is missing; every row needs one",
                fail(r, "t,x\n0,1\n,1\n").getMessage());
        assertEquals("data.csv:4: column 't': time 0.5 is not after the previous row's 1; times must strictly increase",
                fail(r, "t,x\n0,1\n1,2\n0.5,3\n").getMessage());
        assertEquals("data.csv:2: column 'x': '1e999' is too large for a double (number out of range)", fail(r, "t,x\n0,1e999\n").getMessage());
        assertEquals("data.csv: no header line; expected a header such as 't,x,y'", fail(r, "# only\n\n").getMessage());
        assertEquals("data.csv:1: no usable rows: the file has a header but no data", fail(r, "t,x\n").getMessage());
        assertEquals("data.csv:1: no usable rows: there is no column besides the time", fail(r, "t\n0\n1\n").getMessage());
        assertEquals("data.csv:3: no usable rows: every observation cell is empty", fail(r, "t,x\n0,\n1,\n").getMessage());
        assertEquals("data.csv:2: a quoted cell is never closed: the '\"' has no matching '\"' before the end of the file",
                fail(r, "t,x\n0,\"1\n").getMessage());
        // precedence
        assertEquals("appears twice in the header", fail(r, "t,x,x\n0,abc,1\n").detail());
        assertEquals("the file has a header but no data", fail(r, "t\n").detail().substring("no usable rows: ".length()));
        assertEquals(3, fail(r, "t\n0\n0\n").line(), "a row error before 'no column besides the time'");
        assertEquals("x", fail(r, "t,x\n0,\n1,abc\n").column(), "a bad cell before 'every observation cell is empty'");
    }

    @Test
    void lineNumbersCountEveryLineEnding() {
        // CRLF and lone CR end a line as LF does; the 'abc' row is line 4 in each spelling
        for (String eol : new String[] {"\n", "\r\n", "\r"}) {
            String text = String.join(eol, "t,x", "0,1", "", "1,abc", "");
            assertEquals(4, fail(new DataReader(), text).line(), "line ending " + eol.replace("\r", "CR").replace("\n", "LF"));
        }
    }

    /** Regression: a column T, Time or Year used to be a second time column (names matched in any case). */
    @Test
    void timeNamesMatchExactlySoAStateNamedTCanBeObserved() {
        DataSet d = new DataReader().knownColumns(List.of("T", "Year")).parse("heat.csv", "t,T,Year\n0,300,1\n1,310,2\n");
        assertEquals("t", d.timeColumn());
        assertEquals(List.of("T", "Year"), d.columns());
        assertEquals(310.0, d.value(1, 0));
        DataFileException e = fail(new DataReader().knownColumns(List.of("x")), "t,Time,x\n0,1,2\n");
        assertEquals("data.csv:1: column 'Time': unknown column; expected the time (t, time or year) or a state or output"
                + " of the model: x (a time column is named exactly t, time or year, or by a line 'time Time' in the"
                + " model file)", e.getMessage());
    }

    @Test
    void theModelNamesItsTimeColumn() {
        DataSet d = new DataReader().timeColumn("day").parse("d.csv", "day,t,x\n1,5,2\n3,4,1\n");
        assertEquals("day", d.timeColumn());
        assertArrayEquals(new double[] {1, 3}, d.times());
        assertEquals(List.of("t", "x"), d.columns());
        assertEquals("data.csv:1: no column 'day', the time column the model names (found: t, x)",
                fail(new DataReader().timeColumn("day"), "t,x\n0,1\n").getMessage());
    }

    @Test
    void dataWithoutTimeAreCasesNumberedByRow() {
        DataSet d = new DataReader().withoutTime().knownColumns(List.of("y", "x"))
                .parse("nist.csv", "# comment\ny,x\n2.5,3\n1.0,1\n1.2,1\n");
        assertEquals("row", d.timeColumn());
        assertArrayEquals(new double[] {1, 2, 3}, d.times());
        assertEquals(List.of("y", "x"), d.columns());
        assertEquals(4, d.line(1));
        assertEquals("data.csv:1: column 't': unknown column; expected an input or an output of the model: y, x",
                fail(new DataReader().withoutTime().knownColumns(List.of("y", "x")), "y,t\n1,2\n").getMessage());
    }

    @Test
    void onlyAYearColumnIsShifted() {
        DataSet upper = new DataReader().timeColumn("YEAR").parse("u.csv", "YEAR,x\n2001,1\n2003,2\n");
        assertEquals(2001.0, upper.timeOrigin());
        assertArrayEquals(new double[] {0, 2}, upper.times());
        DataSet t = new DataReader().yearOrigin(1900).parse("t.csv", "t,x\n2001,1\n2003,2\n");
        assertEquals(0.0, t.timeOrigin());
        assertArrayEquals(new double[] {2001, 2003}, t.times());
        assertArrayEquals(new int[] {2, 3}, new int[] {t.line(0), t.line(1)});
    }

    @Test
    void unreadableFile(@TempDir Path dir) {
        DataFileException e = assertThrows(DataFileException.class, () -> new DataReader().read(dir.resolve("no.csv")));
        assertTrue(e.detail().startsWith("cannot read the data file"), e.detail());
    }

    @Test
    void dataMadeInCodeIsChecked() {
        DataSet d = DataSet.of("sim", new double[] {0, 1}, List.of("x"), new double[][] {{1}, {Double.NaN}});
        assertEquals(1, d.observationCount());
        assertThrows(DataFileException.class, () -> DataSet.of("sim", new double[] {1, 0}, List.of("x"),
                new double[][] {{1}, {2}}));
        assertThrows(DataFileException.class, () -> DataSet.of("sim", new double[] {0}, List.of("x"),
                new double[][] {{Double.NaN}}));
    }
}
