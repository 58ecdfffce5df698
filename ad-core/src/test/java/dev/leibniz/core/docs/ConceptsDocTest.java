package dev.leibniz.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every snippet of docs/concepts.md compiles, runs, and prints exactly what the page shows. */
class ConceptsDocTest {

    static Stream<DynamicTest> snippetsOf(String page) throws Exception {
        return snippetsAt(Path.of("..", "docs", page));
    }

    static Stream<DynamicTest> snippetsAt(Path path) throws Exception {
        String page = path.getFileName().toString();
        List<DocSnippets.Snippet> snippets = DocSnippets.read(path);
        assertFalse(snippets.isEmpty(), page + " has no java snippets");
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            String printed = DocSnippets.run(s);
            if (s.expectedOutput() != null) {
                assertEquals(DocSnippets.normalize(s.expectedOutput()), DocSnippets.normalize(printed),
                        "output of the snippet at " + s + " differs from the page");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> conceptsPage() throws Exception {
        return snippetsOf("concepts.md");
    }

    @TestFactory
    Stream<DynamicTest> readme() throws Exception {
        return snippetsAt(Path.of("..", "README.md"));
    }
}
