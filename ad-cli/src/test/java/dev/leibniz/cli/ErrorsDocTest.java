package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.expr.ExpressionParser;
import dev.leibniz.models.data.DataReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/errors.md states the limits the code enforces, with their values, and the exit statuses. */
class ErrorsDocTest {
    @Test
    void limitsTableHasTheEnforcedValues() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "errors.md"));
        String[][] rows = {
            {"expression nesting depth", ExpressionParser.MAX_DEPTH + " levels"},
            {"model file size", "(" + Limits.MAX_MODEL_FILE_BYTES + " bytes)"},
            {"states of a model", "| " + Limits.MAX_STATES + " |"},
            {"parameters of a model", "| " + Limits.MAX_PARAMETERS + " |"},
            {"data rows", "| " + DataReader.MAX_ROWS + " |"},
            {"data file size", "| " + DataReader.MAX_FILE_CHARACTERS + " characters |"},
        };
        for (String[] row : rows) {
            String line = page.lines().filter(l -> l.startsWith("| " + row[0] + " |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row '" + row[0] + "' in docs/errors.md"));
            assertTrue(line.contains(row[1]), line + " should say " + row[1]);
        }
        for (String status : new String[] {"| 0 |", "| 1 |", "| 2 |", "| 130 |"}) {
            assertTrue(page.contains(status), status);
        }
    }
}
