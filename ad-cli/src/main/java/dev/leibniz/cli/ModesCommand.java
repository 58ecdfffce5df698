package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.Graph;
import dev.leibniz.forward.CostModel;
import dev.leibniz.forward.ModeCost;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leibniz modes}: forward vs reverse mode for a full Jacobian, counted and measured. */
@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"Forward vs reverse mode for the full Jacobian: sweeps, operations, measured time, and the"
                + " recommended mode. Reverse needs one sweep per output, forward one per input.",
            "Example: leibniz modes --expr \"x*y*z; x+y+z\" --at x=1,y=2,z=3"})
final class ModesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    Target target;

    @Override
    public Integer call() {
        Target.Resolved t = target.resolve();
        Graph g = t.graph();
        double[] x = t.point();
        ModeCost cost = ModeCost.measure(g, x);
        CostModel c = cost.counts();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode doc = Json.object();
            doc.put("inputs", c.inputs());
            doc.put("outputs", c.outputs());
            doc.put("nodes", c.nodes());
            ObjectNode f = doc.putObject("forward");
            f.put("sweeps", c.forwardSweeps());
            f.put("operationsPerSweep", c.forwardOpsPerSweep());
            f.put("operations", c.forwardOpsTotal());
            f.put("seconds", cost.forwardNanos() * 1e-9);
            ObjectNode r = doc.putObject("reverse");
            r.put("sweeps", c.reverseSweeps());
            r.put("operationsPerSweep", c.reverseOpsPerSweep());
            r.put("operations", c.reverseOpsTotal());
            r.put("seconds", cost.reverseNanos() * 1e-9);
            doc.put("predicted", c.predicted().name().toLowerCase(Locale.ROOT));
            doc.put("recommended", cost.recommended().name().toLowerCase(Locale.ROOT));
            Json.print(out, doc);
        } else {
            out.println(t.description() + ": " + c.inputs() + " inputs, " + c.outputs() + " outputs, " + c.nodes() + " nodes");
            out.print(cost);
            out.println();
            out.println("recommended: " + cost.recommended().name().toLowerCase(Locale.ROOT) + " mode");
        }
        return ExitCode.OK;
    }
}
