package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.expr.Expressions;
import dev.leibniz.core.memory.SavedValues;
import dev.leibniz.core.passes.OptimizationReport;
import dev.leibniz.core.passes.Passes;
import dev.leibniz.core.prim.Leaves;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leibniz graph EXPR}: the computational graph of an expression, optimized, with saved values. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Print the computational graph of an expression, one primitive operation a line.",
            "Example: leibniz graph \"x^2*(x+1) + sin(x^2)\" --optimize --saved"})
final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "EXPR", description = "The expression, e.g. \"sin(x^2)*exp(x)\".")
    String expression;

    @Option(names = "--optimize", description = "Also show the graph after constant folding, CSE and dead-code elimination.")
    boolean optimize;

    @Option(names = "--saved", description = "Show the forward values the backward pass must keep.")
    boolean saved;

    @Option(names = "--dot", paramLabel = "FILE", description = "Write the graph (optimized with --optimize) in Graphviz DOT format.")
    Path dot;

    @Override
    public Integer call() throws IOException {
        Graph g = Expressions.parse(expression);
        OptimizationReport report = Passes.optimize(g);
        Graph shown = optimize ? report.graph() : g;
        List<String> savedNames = new ArrayList<>();
        for (int node : SavedValues.analyze(shown, 0)) {
            savedNames.add(name(shown, node));
        }
        if (dot != null) {
            Files.writeString(dot, shown.toDot(), StandardCharsets.UTF_8);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode doc = Json.object();
            doc.put("nodes", g.size());
            ArrayNode listing = doc.putArray("listing");
            for (int i = 0; i < g.size(); i++) {
                listing.add(g.nodeListing(i));
            }
            doc.put("optimizedNodes", report.graph().size());
            if (optimize) {
                ArrayNode opt = doc.putArray("optimizedListing");
                for (int i = 0; i < report.graph().size(); i++) {
                    opt.add(report.graph().nodeListing(i));
                }
                doc.put("passes", report.toString());
            }
            ArrayNode s = doc.putArray("saved");
            savedNames.forEach(s::add);
            Json.print(out, doc);
            return ExitCode.OK;
        }
        out.print(g);
        if (optimize) {
            out.println();
            out.println("optimized: " + report);
            out.print(report.graph());
        }
        if (saved) {
            out.println();
            out.println("values kept for the backward pass: " + String.join(", ", savedNames));
        }
        if (dot != null) {
            out.println("wrote " + dot);
        }
        return ExitCode.OK;
    }

    /** An input by its name, any other node by its listing number. */
    static String name(Graph g, int node) {
        return g.primitive(node) == Leaves.INPUT ? g.inputName((int) g.param(node)) : "%" + node;
    }
}
