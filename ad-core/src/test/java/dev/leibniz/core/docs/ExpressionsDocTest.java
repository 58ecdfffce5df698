package dev.leibniz.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.expr.FunctionTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/expressions.md, the one page on the expression language: every Java snippet compiles,
 * runs and prints what the page shows (its command-line examples are run by the CLI's
 * {@code CliDocTest}), and its function table lists exactly the functions of
 * {@link FunctionTable} — a primitive added to ad-core is callable everywhere, so it must be
 * documented there.
 */
class ExpressionsDocTest {
    private static final Path PAGE = Path.of("..", "docs", "expressions.md");

    @TestFactory
    Stream<DynamicTest> expressionsPage() throws Exception {
        return ConceptsDocTest.snippetsAt(PAGE);
    }

    @Test
    void documentedFunctionsAreTheCallableOnes() throws Exception {
        List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        int start = lines.indexOf("| function | value | derivative |");
        assertTrue(start >= 0, "expressions.md has no function table");
        TreeSet<String> documented = new TreeSet<>();
        Pattern call = Pattern.compile("`(\\w+)\\(");
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher m = call.matcher(lines.get(i).split("\\|")[1]);
            while (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertEquals(new TreeSet<>(FunctionTable.names()), documented,
                "the function table of docs/expressions.md differs from the callable functions");
    }
}
