package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The table of functions in docs/model-files.md lists exactly the functions a model file may
 * call: a primitive added to ad-core (and so callable from model files) must be documented.
 */
class FunctionTableDocTest {
    @Test
    void documentedFunctionsAreTheCallableOnes() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "model-files.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("| function | value |");
        TreeSet<String> documented = new TreeSet<>();
        Pattern call = Pattern.compile("`(\\w+)\\(");
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String firstCell = lines.get(i).split("\\|")[1];
            Matcher m = call.matcher(firstCell);
            while (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertEquals(new TreeSet<>(Functions.names()), documented,
                "the function table of docs/model-files.md differs from the callable functions");
    }
}
