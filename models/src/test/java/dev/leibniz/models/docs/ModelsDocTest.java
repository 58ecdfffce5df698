package dev.leibniz.models.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.docs.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The pages about models — getting-started.md, model-files.md, models.md — stay true: every java
 * snippet compiles, runs, and prints exactly what the page shows, and every example file shown
 * in full (a block whose first line is {@code # examples/NAME}) is the file in the repository.
 */
class ModelsDocTest {
    static final List<String> PAGES = List.of("getting-started.md", "model-files.md", "models.md");

    @TestFactory
    Stream<DynamicTest> snippets() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String page : PAGES) {
            List<DocSnippets.Snippet> snippets = DocSnippets.read(Path.of("..", "docs", page));
            assertFalse(snippets.isEmpty(), page + " has no java snippets");
            for (DocSnippets.Snippet s : snippets) {
                tests.add(DynamicTest.dynamicTest(s.toString(), () -> {
                    String printed = DocSnippets.run(s);
                    if (s.expectedOutput() != null) {
                        assertEquals(DocSnippets.normalize(s.expectedOutput()), DocSnippets.normalize(printed),
                                "output of the snippet at " + s + " differs from the page");
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** A block shown as "# examples/sir.model" followed by its text. */
    record ShownFile(String page, int line, String file, String text) {
    }

    @TestFactory
    Stream<DynamicTest> exampleFilesShownAreTheShippedFiles() throws IOException {
        List<ShownFile> shown = new ArrayList<>();
        for (String page : PAGES) {
            shown.addAll(shownFiles(page));
        }
        assertTrue(shown.size() >= 2, "expected the pages to show example files, found " + shown.size());
        return shown.stream().map(f -> DynamicTest.dynamicTest(f.page() + ":" + f.line() + " " + f.file(), () -> {
            String actual = Files.readString(Path.of("..", f.file()), StandardCharsets.UTF_8);
            assertEquals(DocSnippets.normalize(actual), DocSnippets.normalize(f.text()),
                    f.page() + ":" + f.line() + " shows " + f.file() + " differently from the file");
        }));
    }

    static List<ShownFile> shownFiles(String page) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", page), StandardCharsets.UTF_8);
        List<ShownFile> out = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String first = lines.get(i + 1).strip();
            if (lines.get(i).startsWith("```") && first.startsWith("# examples/")) {
                int start = i + 2;
                StringBuilder text = new StringBuilder();
                int j = i + 2;
                while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                    text.append(lines.get(j)).append('\n');
                    j++;
                }
                out.add(new ShownFile(page, start, first.substring(2).strip(), text.toString()));
                i = j;
            }
        }
        return out;
    }
}
