package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.Graph;
import dev.leibniz.sparse.Direction;
import dev.leibniz.sparse.SparseJacobian;
import dev.leibniz.sparse.SparsityPattern;
import dev.leibniz.sparse.SpyPlot;
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
    /** Above this many entries the dense values are left out of the output. */
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

    @Override
    public Integer call() {
        Target.Resolved t = target.resolve();
        Graph g = t.graph();
        SparseJacobian jac = SparseJacobian.prepare(g);
        DMatrixSparseCSC values = jac.evaluate(t.point());
        SparsityPattern p = jac.pattern();
        for (int k = 0; k < values.nz_length; k++) {
            if (!Double.isFinite(values.nz_values[k])) {
                throw new ComputationFailedException("the Jacobian has a non-finite entry at this point: " + values.nz_values[k]);
            }
        }
        if (spy != null) {
            SpyPlot.write(p, spy, jac.coloring());
        }
        boolean small = (long) p.rows() * p.cols() <= MAX_DENSE_ENTRIES;
        String direction = jac.direction() == Direction.COLUMNS ? "columns" : "rows";
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode doc = Json.object();
            doc.put("rows", p.rows());
            doc.put("cols", p.cols());
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
            doc.put("direction", direction);
            doc.put("denseSweeps", jac.denseSweeps());
            if (small) {
                ArrayNode rows = doc.putArray("values");
                for (int i = 0; i < p.rows(); i++) {
                    ArrayNode row = rows.addArray();
                    for (int j = 0; j < p.cols(); j++) {
                        row.add(values.get(i, j));
                    }
                }
            }
            Json.print(out, doc);
            return ExitCode.OK;
        }
        out.println(t.description() + ": " + p.rows() + " x " + p.cols() + " Jacobian, " + p.nnz() + " nonzeros");
        out.println("compressed by " + direction + ": " + jac.colors() + (jac.colors() == 1 ? " sweep" : " sweeps") + " instead of " + jac.denseSweeps()
                + " (lower bound " + (jac.direction() == Direction.COLUMNS ? p.maxNonzerosPerRow() : p.maxNonzerosPerColumn())
                + ")");
        if (sparsity) {
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
        if (small) {
            out.println("values:");
            for (int i = 0; i < p.rows(); i++) {
                StringBuilder sb = new StringBuilder("  ");
                for (int j = 0; j < p.cols(); j++) {
                    sb.append(String.format(Locale.ROOT, "%12.6g", values.get(i, j)));
                }
                out.println(sb);
            }
        }
        if (spy != null) {
            out.println("wrote " + spy);
        }
        return ExitCode.OK;
    }
}
