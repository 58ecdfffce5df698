package dev.leibniz.sbml.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.leibniz.core.docs.DocSnippets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every snippet of docs/petab.md compiles, runs, and prints exactly what the page shows. */
class PetabDocTest {

    @TestFactory
    Stream<DynamicTest> petabPage() throws Exception {
        List<DocSnippets.Snippet> snippets = DocSnippets.read(Path.of("..", "docs", "petab.md"));
        assertFalse(snippets.isEmpty(), "petab.md has no java snippets");
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            String printed = DocSnippets.run(s);
            if (s.expectedOutput() != null) {
                assertEquals(DocSnippets.normalize(s.expectedOutput()), DocSnippets.normalize(printed),
                        "output of the snippet at " + s + " differs from the page");
            }
        }));
    }
}
