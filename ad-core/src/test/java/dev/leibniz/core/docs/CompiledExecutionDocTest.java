package dev.leibniz.core.docs;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every snippet of docs/compiled-execution.md compiles, runs, and prints exactly what the page shows. */
class CompiledExecutionDocTest {

    @TestFactory
    Stream<DynamicTest> compiledExecutionPage() throws Exception {
        return ConceptsDocTest.snippetsOf("compiled-execution.md");
    }
}
