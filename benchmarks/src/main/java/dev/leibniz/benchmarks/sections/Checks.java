package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Table;
import java.util.List;

/** The targets of a section with their verdicts, as the table that closes the section. */
final class Checks {
    private Checks() {
    }

    static String table(List<Check> checks) {
        if (checks.isEmpty()) {
            return "";
        }
        Table t = new Table("issue", "target", "measured", "verdict");
        for (Check c : checks) {
            t.row("#" + c.issue(), c.target(), c.measured(), c.verdict());
        }
        return "**Targets**\n\n" + t + "\n";
    }
}
