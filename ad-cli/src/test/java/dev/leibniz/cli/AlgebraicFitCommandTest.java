package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leibniz fit} of algebraic model files (input lines, no states): NIST BoxBOD, files, bad input. */
class AlgebraicFitCommandTest {
    static final String MODEL = "../examples/nist/BoxBOD.model";
    static final String ODE = "../examples/nist/BoxBOD-ode.model";
    static final String DATA = "../examples/nist/BoxBOD.csv";

    /** NIST's certified values for BoxBOD (BoxBOD.dat): b1, b2, their standard deviations, the RSS. */
    static final double[] CERTIFIED = {2.1380940889E+02, 5.4723748542E-01, 1.2354515176E+01, 1.0455993237E-01,
        1.1680088766E+03};

    static double lre(double x, double c) {
        return -Math.log10(Math.abs(x - c) / Math.abs(c));
    }

    static void assertCertified(JsonNode j, double digits) {
        assertTrue(j.get("converged").asBoolean(), j.toString());
        assertTrue(lre(j.get("parameters").get("b1").asDouble(), CERTIFIED[0]) >= digits, j.toString());
        assertTrue(lre(j.get("parameters").get("b2").asDouble(), CERTIFIED[1]) >= digits, j.toString());
        assertTrue(lre(j.get("standardErrors").get("b1").asDouble(), CERTIFIED[2]) >= 3, j.toString());
        assertTrue(lre(j.get("standardErrors").get("b2").asDouble(), CERTIFIED[3]) >= 3, j.toString());
        assertTrue(lre(j.get("loss").asDouble(), CERTIFIED[4]) >= digits, j.toString());
    }

    @Test
    void boxBodFromNistsFarStartReachesTheCertifiedValues() {
        CliRun r = CliRun.of("fit", MODEL, "--data", DATA, "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertCertified(j, 9);
        assertTrue(j.get("conditionNumber").asDouble() > 1, j.toString());
        assertEquals(0, j.get("atBound").size());
    }

    @Test
    void boxBodAsAnOdeGivesTheSameCertifiedAnswer() {
        CliRun r = CliRun.of("fit", ODE, "--data", DATA, "--json");
        assertEquals(0, r.exit(), r.err());
        // the ODE solution carries the solver's 1e-10 tolerances: fewer digits, still certified to 6
        assertCertified(r.json(), 6);
    }

    @Test
    void writesAPlotAgainstTheInputAndTheFittedCurve(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("fit", MODEL, "--data", DATA, "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("condition number of the scaled Jacobian"), r.out());
        BufferedImage img = ImageIO.read(dir.resolve("fit.png").toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        List<String> csv = Files.readAllLines(dir.resolve("fitted.csv"));
        assertEquals("x,y", csv.get(0));
        assertEquals(FitReport.CURVE_POINTS + 2, csv.size());
        // first grid point x = 1: y = b1 (1 − e^(−b2)) at the certified values, to the fit's precision
        String[] first = csv.get(1).split(",");
        assertEquals(1.0, Double.parseDouble(first[0]), 0);
        assertEquals(CERTIFIED[0] * (1 - Math.exp(-CERTIFIED[1])), Double.parseDouble(first[1]), 1e-6);
    }

    @Test
    void inputThatIsNotADataColumn(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bod.csv");
        Files.writeString(csv, "y,days\n109,1\n149,2\n149,3\n");
        CliRun r = CliRun.of("fit", MODEL, "--data", csv.toString());
        assertEquals(2, r.exit());
        assertEquals("error: bod.csv:1: column 'days': unknown column; expected an input or an output of the model:"
                + " x, y", r.err().strip());
    }

    @Test
    void inputColumnMissingFromTheData(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bod.csv");
        Files.writeString(csv, "y\n109\n149\n");
        CliRun r = CliRun.of("fit", MODEL, "--data", csv.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().strip().startsWith("error: BoxBOD.model:"), r.err());
        assertTrue(r.err().contains("input 'x' is not a column of bod.csv (its columns: y)"), r.err());
    }

    @Test
    void simulatingAnAlgebraicModelIsRefusedWithAReason() {
        CliRun r = CliRun.of("simulate", MODEL, "--t1", "10");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: model BoxBOD.model has no states: it is algebraic"), r.err());
    }

    @Test
    void jacobianAndModesOfAnAlgebraicModelAreRefusedWithAReason() {
        for (String command : new String[] {"jacobian", "modes"}) {
            CliRun r = CliRun.of(command, MODEL);
            assertEquals(2, r.exit(), command);
            assertTrue(r.err().startsWith("error: model BoxBOD.model has no states, so no right-hand side der(…) to"
                    + " differentiate"), r.err());
        }
    }
}
