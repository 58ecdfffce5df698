package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.expr.ExpressionParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 8: every limit is enforced with a message that names it (and docs/errors.md,
 * "Limits", lists them): expression nesting, model file size, states, parameters; the data
 * limits are DataReader's (ForeignCsvTest).
 */
class LimitsTest {
    @TempDir
    Path dir;

    private static String nested(int levels) {
        return "(".repeat(levels - 1) + "x" + ")".repeat(levels - 1);
    }

    @Test
    void nestingDepthOnTheCommandLineAndInAModelFile() throws IOException {
        // 200 levels of parentheses are read; one more is refused with the limit in the message
        assertEquals(0, CliRun.of("grad", nested(ExpressionParser.MAX_DEPTH), "--at", "x=1").exit());
        CliRun deep = CliRun.of("grad", nested(ExpressionParser.MAX_DEPTH + 1), "--at", "x=1");
        assertEquals(2, deep.exit());
        assertEquals(true, deep.err().contains("expression nested too deeply (more than 200 levels)"), deep.err());
        Path m = dir.resolve("deep.model");
        Files.writeString(m, "state x = 1\nder(x) = -" + nested(ExpressionParser.MAX_DEPTH + 1) + "\n");
        CliRun model = CliRun.of("simulate", m.toString());
        assertEquals(2, model.exit());
        assertEquals(true, model.err().startsWith("error: deep.model:2:"), model.err());
        assertEquals(true, model.err().contains("more than 200 levels"), model.err());
    }

    @Test
    void modelFileSize() throws IOException {
        Path big = dir.resolve("big.model");
        try (OutputStream o = Files.newOutputStream(big)) {
            byte[] comment = ("#" + " ".repeat(1022) + "\n").getBytes();
            for (long n = 0; n <= Limits.MAX_MODEL_FILE_BYTES / comment.length; n++) {
                o.write(comment);
            }
        }
        CliRun r = CliRun.of("simulate", big.toString());
        assertEquals(2, r.exit());
        assertEquals("error: " + big + ": the model file has " + Files.size(big) + " bytes, more than 16777216 (the"
                + " limit on model file size, docs/errors.md)\n", r.err());
    }

    @Test
    void statesAndParameters() throws IOException {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i <= Limits.MAX_STATES; i++) {
            states.append("state x").append(i).append(" = 1\nder(x").append(i).append(") = -x").append(i).append('\n');
        }
        Path s = dir.resolve("states.model");
        Files.writeString(s, states);
        CliRun r = CliRun.of("simulate", s.toString());
        assertEquals(2, r.exit());
        assertEquals("error: states.model: 10001 states, more than 10000 (the limit on states, docs/errors.md)\n",
                r.err());
        StringBuilder params = new StringBuilder("state x = 1\nder(x) = -x\n");
        for (int i = 0; i <= Limits.MAX_PARAMETERS; i++) {
            params.append("param p").append(i).append(" = 1\n");
        }
        Path p = dir.resolve("params.model");
        Files.writeString(p, params);
        CliRun q = CliRun.of("jacobian", p.toString());
        assertEquals(2, q.exit());
        assertEquals("error: params.model: 10001 parameters, more than 10000 (the limit on parameters,"
                + " docs/errors.md)\n", q.err());
    }
}
