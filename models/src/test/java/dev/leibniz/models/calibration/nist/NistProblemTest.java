package dev.leibniz.models.calibration.nist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .dat reader against the numbers printed in BoxBOD.dat and Nelson.dat (two predictors). */
class NistProblemTest {
    @Test
    void readsBoxBod() {
        NistProblem p = NistProblem.read(NistStrdTest.DIR.resolve("BoxBOD.dat"));
        assertEquals("BoxBOD", p.name());
        assertEquals(List.of("b1", "b2"), p.parameters());
        assertArrayEquals(new double[] {1, 1}, p.start1());
        assertArrayEquals(new double[] {100, 0.75}, p.start2());
        assertArrayEquals(new double[] {2.1380940889E+02, 5.4723748542E-01}, p.certified());
        assertArrayEquals(new double[] {1.2354515176E+01, 1.0455993237E-01}, p.certifiedSd());
        assertEquals(1.1680088766E+03, p.rss());
        assertEquals(List.of("y", "x"), p.columns());
        assertArrayEquals(new double[] {109, 1}, p.data()[0]);
        assertArrayEquals(new double[] {224, 10}, p.data()[5]);
        assertEquals(6, p.data().length);
    }

    @Test
    void readsTwoPredictors() {
        NistProblem p = NistProblem.read(NistStrdTest.DIR.resolve("Nelson.dat"));
        assertEquals(List.of("y", "x1", "x2"), p.columns());
        assertEquals(128, p.data().length);
        assertEquals(3, p.parameters().size());
    }

    @Test
    void refusesATruncatedFile(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(NistStrdTest.DIR.resolve("BoxBOD.dat"));
        Path cut = dir.resolve("Cut.dat");
        Files.write(cut, lines.subList(0, lines.size() - 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NistProblem.read(cut));
        assertEquals("Cut.dat: not a NIST StRD nonlinear regression file (2 parameters, RSS 1168.0088766, 6 observations"
                + " declared, 4 read)", e.getMessage());
    }

    @Test
    void logRelativeError() {
        assertEquals(3.0, NistProblem.lre(1.001, 1.0), 1e-9);
        assertEquals(15.0, NistProblem.lre(2.5, 2.5));
        assertEquals(0.0, NistProblem.lre(Double.NaN, 1.0));
    }
}
