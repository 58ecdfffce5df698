package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Results;
import java.nio.file.Path;
import java.util.List;

/**
 * Every benchmark class no other section claims: its table of times and, when it has a method
 * whose name contains "plain", every method relative to that one. New benchmark classes appear
 * in the report this way before anyone writes a section for them.
 */
public final class GenericSection implements Section {
    private final List<String> classes;

    public GenericSection(List<String> classes) {
        this.classes = List.copyOf(classes);
    }

    @Override
    public List<String> benchmarks() {
        return classes;
    }

    @Override
    public Output write(Results r, Path docs) {
        StringBuilder md = new StringBuilder();
        for (String c : classes) {
            if (!r.has(c)) {
                continue;
            }
            if (md.isEmpty()) {
                md.append("## Other benchmarks\n\n");
            }
            md.append("### `").append(c).append("`\n\n").append(MethodTable.of(r, c, MethodTable.baseline(r, c))).append('\n');
        }
        return new Output(md.toString(), List.of());
    }
}
