package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line examples of docs/batch.md, run as {@link CliDocTest} runs those of the other pages. */
class BatchDocTest {
    @TempDir
    Path dir;

    @Test
    void batchPageCommandsRunAndPrintWhatThePageShows() throws IOException {
        CliDocTest.scratch = dir;
        List<CliDocTest.Command> commands = CliDocTest.read(Path.of("..", "docs", "batch.md"));
        assertFalse(commands.isEmpty());
        for (CliDocTest.Command c : commands) {
            CliRun r = CliRun.of(c.args().toArray(new String[0]));
            assertEquals(0, r.exit(), c + " failed: " + r.err());
            if (c.exact()) {
                assertEquals(c.expected().strip(), r.out().strip().replace(dir.toString() + "/", ""), "output of " + c);
            }
        }
    }
}
