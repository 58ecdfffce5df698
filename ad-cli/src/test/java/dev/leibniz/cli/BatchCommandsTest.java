package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leibniz.models.batch.SyntheticGroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch commands end to end, on small problems. Oracles: the lynx–hare reference optimum
 * (examples/README.md), the known parameters of the synthetic groups, and for the straight line
 * the closed-form least-squares estimate.
 */
class BatchCommandsTest {
    @TempDir
    Path dir;

    static final String LV = "../examples/lotka-volterra.model";
    static final String LH = "../examples/hudson-bay-lynx-hare.csv";

    @Test
    void fitWithStartsReportsTheBestOfAllStartsAndWritesOneRowEach() throws IOException {
        CliRun r = CliRun.of("fit", LV, "--data", LH, "--loss", "logsse", "--starts", "6", "--master", "local[2]",
                "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("6 starts on local[2]: "), r.out());
        assertTrue(r.out().contains("loss = 2.0186612 over 42 observations"), r.out());
        List<String> csv = Files.readAllLines(dir.resolve("starts.csv"));
        assertEquals(7, csv.size());
        assertTrue(csv.get(0).startsWith("task,kind,label,status,error,loss,observations,iterations,converged,alpha,"));
        assertTrue(Files.size(dir.resolve("waterfall.png")) > 1000);
    }

    @Test
    void fitWithStartsAsJson() {
        CliRun r = CliRun.of("fit", LV, "--data", LH, "--loss", "logsse", "--starts", "3", "--design", "lhs", "--seed", "5",
                "--master", "local[1]", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = r.json();
        assertEquals(3, doc.get("starts").asInt());
        assertEquals(3, doc.get("losses").size());
    }

    @Test
    void badBatchOptionsAreUsageErrors() {
        CliRun starts = CliRun.of("fit", LV, "--data", LH, "--starts", "0");
        assertEquals(2, starts.exit());
        assertEquals("error: --starts must be at least 1, got 0", starts.err().strip());
        CliRun engine = CliRun.of("fit", LV, "--data", LH, "--starts", "2", "--engine", "mpi");
        assertEquals(2, engine.exit());
        assertTrue(engine.err().startsWith("error: --engine: unknown engine 'mpi'; available: local"), engine.err());
        CliRun master = CliRun.of("fit", LV, "--data", LH, "--starts", "2", "--master", "local[x]");
        assertEquals(2, master.exit());
        assertEquals("error: --master: the local engine takes local, local[N] or local[*], got 'local[x]'",
                master.err().strip());
        CliRun design = CliRun.of("fit", LV, "--data", LH, "--starts", "2", "--design", "grid");
        assertEquals("error: unknown start design 'grid'; valid: lhs, sobol", design.err().strip());
    }

    /** 40 generated groups and one with repeated times: 40 fitted rows near their true parameters, one failed row, exit 0. */
    @Test
    void fitGroupsFitsEveryGroupAndReportsABadOneAsAFailedRow() throws IOException {
        Path table = dir.resolve("groups.csv");
        CliRun gen = CliRun.of("generate-groups", "--groups", "40", "--seed", "3", "--out", table.toString());
        assertEquals(0, gen.exit(), gen.err());
        Files.writeString(table, "zz,0,5\nzz,1,6\nzz,1,7\n", StandardOpenOption.APPEND);
        CliRun r = CliRun.of("fit-groups", "../examples/logistic.model", "--data", table.toString(), "--group-by", "group",
                "--master", "local[2]", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("41 groups on local[2]: 40 fitted, 1 failed"), r.out());
        assertTrue(r.out().contains("failed: zz: "), r.out());
        List<String> rows = Files.readAllLines(dir.resolve("groups.csv"));
        assertEquals(42, rows.size());
        SyntheticGroups truth = new SyntheticGroups(40, 15, 2.0, 3);
        String[] header = rows.get(0).split(",");
        int k = List.of(header).indexOf("K");
        for (int g = 0; g < 40; g++) {
            String[] cells = rows.get(1 + g).split(",");
            assertEquals(SyntheticGroups.name(g), cells[2]);
            // K is identified to a few percent by 15 points with noise 2
            assertEquals(truth.truth(g)[1], Double.parseDouble(cells[k]), 0.1 * truth.truth(g)[1]);
        }
        assertTrue(rows.get(41).startsWith("40,group,zz,failed,"), rows.get(41));
        assertTrue(Files.size(dir.resolve("group-K.png")) > 1000);
    }

    @Test
    void profileOfLynxHareIsReportedBesideWald() throws IOException {
        CliRun r = CliRun.of("profile", LV, "--data", LH, "--loss", "logsse", "--grid", "7", "--master", "local[2]",
                "--fit", "alpha,hare0", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("alpha"), r.out());
        assertTrue(r.out().contains("hare0"), r.out());
        assertTrue(Files.size(dir.resolve("profile-alpha.png")) > 1000);
        assertEquals(15, Files.readAllLines(dir.resolve("profiles.csv")).size());
    }

    @Test
    void bootstrapWritesAHistogramPerParameter() throws IOException {
        CliRun r = CliRun.of("bootstrap", LV, "--data", LH, "--loss", "logsse", "--replicates", "8", "--fit", "alpha,gamma",
                "--master", "local[2]", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("8 replicates, 0 failed"), r.out());
        assertTrue(Files.size(dir.resolve("bootstrap-gamma.png")) > 1000);
        assertEquals(9, Files.readAllLines(dir.resolve("bootstrap.csv")).size());
    }
}
