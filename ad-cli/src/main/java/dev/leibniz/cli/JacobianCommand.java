package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.sparse.Direction;
import dev.leibniz.sparse.SparseJacobian;
import dev.leibniz.sparse.SparsityPattern;
import dev.leibniz.sparse.SpyPlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixSparseCSC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code leibniz jacobian}: the Jacobian at a point, with its sparsity pattern (from graph
 * reachability), the coloring that compresses it, and the direction that needs fewer sweeps.
 */
@Command(name = "jacobian", mixinStandardHelpOptions = true,
        description = {"The Jacobian at a point, computed by compressed sweeps: its sparsity pattern comes from the"
                + " graph (an output that does not depend on an input has an exact zero), and inputs (or outputs)"
                + " that never share a row (column) share one sweep.",
            "Example: leibniz jacobian --expr \"x*y; y*z; z*w\" --at x=1,y=2,z=3,w=4 --sparsity"})
final class JacobianCommand implements Callable<Integer> {
    /** Above this many entries the text output leaves the values out (JSON and --output hold them all). */
    static final int MAX_DENSE_ENTRIES = 400;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    Target target;

    @Option(names = "--sparsity", description = "Print the sparsity pattern and the coloring.")
    boolean sparsity;

    @Option(names = "--spy", paramLabel = "FILE.png", description = "Write a spy plot of the pattern, colored by sweep.")
    Path spy;

    @Option(names = "--format", paramLabel = "dense|coo", defaultValue = "dense",
            description = "Layout of the values in JSON and --output: dense (every entry, row by row) or coo (the"
                    + " nonzeros as row, col, value triplets). Default: ${DEFAULT-VALUE}.")
    JacobianValues.Format format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the values to FILE: Matrix Market (.mtx) with --format coo, CSV with --format dense.")
    Path output;

    @Override
    public Integer call() throws IOException {
        Target.Resolved t = target.resolve();
        SparseJacobian jac = SparseJacobian.prepare(t.graph());
        DMatrixSparseCSC values = jac.evaluate(t.point());
        JacobianValues named = new JacobianValues(values, t.graph().outputNames(), t.graph().inputNames());
        requireFinite(named, t);
        if (spy != null) {
            SpyPlot.write(jac.pattern(), spy, jac.coloring());
        }
        if (output != null) {
            AtomicFiles.write(output, w -> named.write(w, format));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode doc = json(jac, t);
            doc.put("format", format.name());
            if (output != null) {
                doc.put("output", output.toString());
            } else {
                named.addTo(doc, format);
            }
            Json.print(out, doc);
            return ExitCode.OK;
        }
        printSummary(out, t, jac);
        if (sparsity) {
            printPattern(out, jac);
        }
        if (showsValues(jac.pattern())) {
            printValues(out, jac.pattern(), values);
        } else if (output == null) {
            out.println("values: not printed above " + MAX_DENSE_ENTRIES + " entries; use --json or --output FILE");
        }
        if (spy != null) {
            out.println("wrote " + spy);
        }
        if (output != null) {
            out.println("wrote " + output);
        }
        return ExitCode.OK;
    }

    /**
     * A non-finite entry (say d√x/dx at 0) is a failed computation in text and JSON alike
     * ({@link NonFinite}), named by its output and input.
     */
    private static void requireFinite(JacobianValues values, Target.Resolved t) {
        String bad = values.firstNonFinite();
        if (bad != null) {
            throw new ComputationFailedException("the Jacobian is not finite at this point: " + bad + "; "
                    + NonFinite.firstAnomaly(t.graph(), t.point()));
        }
    }

    /** Whether the dense values are small enough ({@link #MAX_DENSE_ENTRIES}) to print. */
    private static boolean showsValues(SparsityPattern p) {
        return (long) p.rows() * p.cols() <= MAX_DENSE_ENTRIES;
    }

    /** "columns" or "rows": the side whose coloring compresses the Jacobian. */
    private static String direction(SparseJacobian jac) {
        return jac.direction() == Direction.COLUMNS ? "columns" : "rows";
    }

    /**
     * The JSON document without the values: the size, the names of the rows (outputs) and
     * columns (inputs), the pattern as (row, column) pairs row by row, the coloring's figures.
     */
    private static ObjectNode json(SparseJacobian jac, Target.Resolved t) {
        SparsityPattern p = jac.pattern();
        ObjectNode doc = Json.object();
        doc.put("rows", p.rows());
        doc.put("cols", p.cols());
        ArrayNode outputs = doc.putArray("outputs");
        t.graph().outputNames().forEach(outputs::add);
        ArrayNode inputs = doc.putArray("inputs");
        t.graph().inputNames().forEach(inputs::add);
        doc.put("nnz", p.nnz());
        ArrayNode pattern = doc.putArray("pattern");
        for (int i = 0; i < p.rows(); i++) {
            for (int j : p.columnsOf(i)) {
                pattern.addArray().add(i).add(j);
            }
        }
        doc.put("maxNonzerosPerRow", p.maxNonzerosPerRow());
        doc.put("maxNonzerosPerColumn", p.maxNonzerosPerColumn());
        doc.put("colors", jac.colors());
        doc.put("direction", direction(jac));
        doc.put("denseSweeps", jac.denseSweeps());
        return doc;
    }

    /**
     * Two lines: what was differentiated with the size and nonzeros, then the compression:
     * colors against dense sweeps, and the lower bound, the most nonzeros in a row (for a
     * column coloring) or in a column.
     */
    private static void printSummary(PrintWriter out, Target.Resolved t, SparseJacobian jac) {
        SparsityPattern p = jac.pattern();
        out.println(t.description() + ": " + p.rows() + " x " + p.cols() + " Jacobian, " + p.nnz() + " nonzeros");
        out.println("compressed by " + direction(jac) + ": " + jac.colors() + (jac.colors() == 1 ? " sweep" : " sweeps")
                + " instead of " + jac.denseSweeps() + " (lower bound "
                + (jac.direction() == Direction.COLUMNS ? p.maxNonzerosPerRow() : p.maxNonzerosPerColumn()) + ")");
    }

    /** The pattern as x (structural nonzero) and . , its first 60 rows and 100 columns, then the coloring. */
    private static void printPattern(PrintWriter out, SparseJacobian jac) {
        SparsityPattern p = jac.pattern();
        out.println("pattern (x = structural nonzero):");
        for (int i = 0; i < Math.min(p.rows(), 60); i++) {
            StringBuilder sb = new StringBuilder("  ");
            for (int j = 0; j < Math.min(p.cols(), 100); j++) {
                sb.append(p.contains(i, j) ? 'x' : '.');
            }
            out.println(sb);
        }
        out.println("colors: " + jac.coloring());
    }

    /** The dense values, one row per line, six significant digits in columns 12 wide. */
    private static void printValues(PrintWriter out, SparsityPattern p, DMatrixSparseCSC values) {
        out.println("values:");
        for (int i = 0; i < p.rows(); i++) {
            StringBuilder sb = new StringBuilder("  ");
            for (int j = 0; j < p.cols(); j++) {
                sb.append(String.format(Locale.ROOT, "%12.6g", values.get(i, j)));
            }
            out.println(sb);
        }
    }
}
