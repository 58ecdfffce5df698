package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Results;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One part of docs/benchmarks.md: the results of some benchmark classes (by simple name), the
 * ratios computed from them, the targets with a verdict, and its plots.
 */
public interface Section {
    /** What a section wrote: Markdown (empty when none of its benchmarks ran) and its checks. */
    record Output(String markdown, List<Check> checks) {
        public static final Output NONE = new Output("", List.of());
    }

    /** The benchmark classes (simple names) this section reports; the others go to a generic section. */
    List<String> benchmarks();

    /** Writes the section, its PNG plots into {@code docs}. */
    Output write(Results results, Path docs) throws IOException;
}
