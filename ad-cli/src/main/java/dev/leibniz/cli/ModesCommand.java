package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.cli.JacobianStrategies.Result;
import dev.leibniz.cli.JacobianStrategies.Strategy;
import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.forward.CostModel;
import dev.leibniz.forward.ModeCost;
import dev.leibniz.sparse.examples.Brusselator2D;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code leibniz modes}: how to compute a full Jacobian — dense forward, dense reverse, colored
 * (compressed) forward, colored reverse, bidirectional (forward and reverse colors together) — counted and measured, and the fastest recommended once.
 * With {@code --sweep-sizes}, the same comparison over growing 2-D Brusselator grids, as a table
 * and a log–log plot of time per strategy against problem size.
 */
@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"How to compute the full Jacobian: dense forward (one sweep per input), dense reverse (one per"
                + " output), colored forward and colored reverse (one sweep per color of a column or row coloring"
                + " of the sparsity pattern), and bidirectional (column colors for forward sweeps and row colors"
                + " for reverse sweeps together, which pays with dense rows and columns). Prints sweeps, operations, measured time and memory of each, and"
                + " recommends the one measured fastest.",
            "Example: leibniz modes --expr \"x*y*z; x+y+z\" --at x=1,y=2,z=3",
            "Example: leibniz modes --brusselator 32",
            "Example: leibniz modes --brusselator 8 --sweep-sizes 4,8,16,32 --plot modes.png"})
final class ModesCommand implements Callable<Integer> {
    /**
     * Timing per size for --sweep-sizes: each size is a new graph with newly compiled code, so it
     * gets as many warm-ups as a single comparison (fewer made the small sizes JIT-noisy).
     */
    static final ModeCost.Timing SWEEP_TIMING = ModeCost.Timing.DEFAULT;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    Target target;

    @Option(names = "--brusselator", paramLabel = "N",
            description = "Instead of MODEL or --expr: the right-hand side of the 2-D Brusselator reaction-diffusion"
                    + " system on an N×N periodic grid (2N² states), at its initial state.")
    Integer brusselator;

    @Option(names = "--sweep-sizes", paramLabel = "N1,N2,...", split = ",",
            description = "With --brusselator: compare the strategies on each grid size N and plot time against size.")
    List<Integer> sweepSizes;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Where --sweep-sizes draws its plot (default: leibniz-out/modes-sweep.png).")
    Path plot;

    @Override
    public Integer call() throws IOException {
        if (sweepSizes != null) {
            return sweep();
        }
        if (plot != null) {
            throw new LeibnizException("--plot draws the --sweep-sizes comparison; give --sweep-sizes too");
        }
        Target.Resolved t = resolve();
        List<Result> results = JacobianStrategies.measure(t.graph(), t.point(), ModeCost.Timing.DEFAULT);
        CostModel c = CostModel.of(t.graph(), 1);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Json.print(out, json(c, results));
        } else {
            out.println(t.description() + ": " + c.inputs() + " inputs, " + c.outputs() + " outputs, " + c.nodes() + " nodes");
            out.print(ModesTable.table(results));
            out.println(ModesTable.recommendation(results));
        }
        return ExitCode.OK;
    }

    private Target.Resolved resolve() {
        if (brusselator == null) {
            return target.resolve();
        }
        if (target.model != null || target.expr != null || target.at != null) {
            throw new LeibnizException("--brusselator is a problem of its own; give it without MODEL, --expr or --at");
        }
        return new Target.Resolved(Brusselator2D.graph(brusselator), Brusselator2D.initialState(brusselator),
                "2-D Brusselator, " + brusselator + "×" + brusselator + " grid");
    }

    private int sweep() throws IOException {
        if (brusselator == null && (target.model != null || target.expr != null)) {
            throw new LeibnizException("--sweep-sizes grows the 2-D Brusselator; give --brusselator N, not MODEL or --expr");
        }
        if (sweepSizes.isEmpty()) {
            throw new LeibnizException("--sweep-sizes needs at least one grid size");
        }
        List<List<Result>> perSize = new ArrayList<>();
        for (int n : sweepSizes) {
            if (n < 3) {
                throw new LeibnizException("--sweep-sizes: each grid size must be at least 3, got " + n);
            }
            perSize.add(JacobianStrategies.measure(Brusselator2D.graph(n), Brusselator2D.initialState(n), SWEEP_TIMING));
        }
        Path png = plot != null ? plot : Path.of("leibniz-out", "modes-sweep.png");
        ModesTable.sweepPlot(png, sweepSizes, perSize);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode doc = Json.object();
            ArrayNode sizes = doc.putArray("sizes");
            sweepSizes.forEach(sizes::add);
            ObjectNode seconds = doc.putObject("seconds");
            for (Strategy s : Strategy.values()) {
                ArrayNode a = seconds.putArray(s.label);
                for (List<Result> rs : perSize) {
                    Result r = rs.get(s.ordinal());
                    if (r.measured()) {
                        a.add(r.nanos() * 1e-9);
                    } else {
                        a.addNull();
                    }
                }
            }
            doc.put("plot", png.toString());
            Json.print(out, doc);
        } else {
            out.print(ModesTable.sweepTable(sweepSizes, perSize));
            out.println("wrote " + png);
        }
        return ExitCode.OK;
    }

    private static ObjectNode json(CostModel c, List<Result> results) {
        ObjectNode doc = Json.object();
        doc.put("inputs", c.inputs());
        doc.put("outputs", c.outputs());
        doc.put("nodes", c.nodes());
        // the dense pair under their historical names, then every strategy
        dense(doc.putObject("forward"), results.get(Strategy.DENSE_FORWARD.ordinal()), c.forwardOpsPerSweep());
        dense(doc.putObject("reverse"), results.get(Strategy.DENSE_REVERSE.ordinal()), c.reverseOpsPerSweep());
        ArrayNode all = doc.putArray("strategies");
        for (Result r : results) {
            ObjectNode o = all.addObject();
            o.put("name", r.strategy().label);
            o.put("sweeps", r.sweeps());
            if (r.strategy() == Strategy.BIDIRECTIONAL && r.measured()) {
                o.put("forwardSweeps", r.sweeps() - r.reverseSweeps());
                o.put("reverseSweeps", r.reverseSweeps());
            }
            o.put("operations", Json.finite(r.operations()));
            o.put("seconds", r.measured() ? r.nanos() * 1e-9 : null);
            o.put("preparedBytes", r.measured() ? r.preparedBytes() : null);
            o.put("bytesPerJacobian", r.measured() ? r.bytesPerJacobian() : null);
            if (!r.measured()) {
                o.put("skipped", r.skipped());
            }
        }
        doc.put("predicted", c.predicted().name().toLowerCase(Locale.ROOT));
        JacobianStrategies.recommended(results).ifPresent(r -> doc.put("recommended", r.strategy().label));
        return doc;
    }

    private static void dense(ObjectNode o, Result r, double opsPerSweep) {
        o.put("sweeps", r.sweeps());
        o.put("operationsPerSweep", opsPerSweep);
        o.put("operations", Json.finite(r.operations()));
        o.put("seconds", r.measured() ? r.nanos() * 1e-9 : null);
    }
}
