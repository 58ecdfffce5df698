package dev.leibniz.core.docs;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every snippet of docs/architecture.md compiles, runs, and prints exactly what the page shows. */
class ArchitectureDocTest {

    @TestFactory
    Stream<DynamicTest> architecturePage() throws Exception {
        return ConceptsDocTest.snippetsOf("architecture.md");
    }
}
