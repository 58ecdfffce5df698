package dev.leibniz.ode.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.leibniz.core.docs.DocSnippets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every snippet of docs/ode.md compiles, runs, and prints exactly what the page shows. */
class OdeDocTest {

    @TestFactory
    Stream<DynamicTest> odePage() throws Exception {
        List<DocSnippets.Snippet> snippets = DocSnippets.read(Path.of("..", "docs", "ode.md"));
        assertFalse(snippets.isEmpty(), "ode.md has no java snippets");
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            String printed = DocSnippets.run(s);
            if (s.expectedOutput() != null) {
                assertEquals(DocSnippets.normalize(s.expectedOutput()), DocSnippets.normalize(printed),
                        "output of the snippet at " + s + " differs from the page");
            }
        }));
    }
}
