package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.CommonOps_DSCC;

/**
 * The values of a Jacobian for programs to read, whatever its size, in one of two layouts:
 *
 * <ul>
 *   <li>{@code dense}: every entry, row by row (zeros written out), {@code values[i][j]};</li>
 *   <li>{@code coo}: the structural nonzeros as triplets (coordinate format), 0-based in JSON
 *       ({@code {"row": [...], "col": [...], "value": [...]}}, row by row, as scipy's
 *       {@code coo_matrix((value, (row, col)))} takes them) and 1-based in a Matrix Market file
 *       ({@code .mtx}, the standard exchange format of sparse matrices, NIST), whose comment lines
 *       name the rows and columns.</li>
 * </ul>
 *
 * Values are written in full precision (the shortest decimal that reads back to the same double).
 * The rows are taken from the compressed-column matrix by one transpose, O(nnz).
 */
final class JacobianValues {
    enum Format { dense, coo }

    private final DMatrixSparseCSC byRow;
    private final List<String> outputs;
    private final List<String> inputs;

    /**
     * @param values  the Jacobian (outputs × inputs)
     * @param outputs row names
     * @param inputs  column names
     */
    JacobianValues(DMatrixSparseCSC values, List<String> outputs, List<String> inputs) {
        // the transpose's column j is row j of the Jacobian
        this.byRow = CommonOps_DSCC.transpose(values, null, null);
        if (!byRow.indicesSorted) {
            byRow.sortIndices(null);
        }
        this.outputs = outputs;
        this.inputs = inputs;
    }

    /** The first non-finite entry as "d{output}/d{input} = value", or null when all are finite. */
    String firstNonFinite() {
        for (int i = 0; i < outputs.size(); i++) {
            for (int k = byRow.col_idx[i]; k < byRow.col_idx[i + 1]; k++) {
                double v = byRow.nz_values[k];
                if (!Double.isFinite(v)) {
                    return "d" + outputs.get(i) + "/d" + inputs.get(byRow.nz_rows[k]) + " = " + v;
                }
            }
        }
        return null;
    }

    /** Adds {@code values} in the given layout to a JSON document. */
    void addTo(ObjectNode doc, Format format) {
        if (format == Format.dense) {
            ArrayNode rows = doc.putArray("values");
            for (int i = 0; i < outputs.size(); i++) {
                double[] row = new double[inputs.size()];
                for (int k = byRow.col_idx[i]; k < byRow.col_idx[i + 1]; k++) {
                    row[byRow.nz_rows[k]] = byRow.nz_values[k];
                }
                ArrayNode r = rows.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
            return;
        }
        ObjectNode coo = doc.putObject("values");
        ArrayNode row = coo.putArray("row");
        ArrayNode col = coo.putArray("col");
        ArrayNode value = coo.putArray("value");
        for (int i = 0; i < outputs.size(); i++) {
            for (int k = byRow.col_idx[i]; k < byRow.col_idx[i + 1]; k++) {
                row.add(i);
                col.add(byRow.nz_rows[k]);
                value.add(byRow.nz_values[k]);
            }
        }
    }

    /**
     * Writes the values to a file: Matrix Market coordinate format for {@code coo}; for
     * {@code dense}, CSV with a header of the input names and each row's output name first.
     */
    void write(Writer out, Format format) throws IOException {
        if (format == Format.coo) {
            out.write("%%MatrixMarket matrix coordinate real general\n");
            out.write("% Jacobian written by leibniz: row i is d(output i), column j is d(input j)\n");
            out.write("% rows: " + String.join(" ", outputs) + "\n");
            out.write("% cols: " + String.join(" ", inputs) + "\n");
            out.write(outputs.size() + " " + inputs.size() + " " + byRow.nz_length + "\n");
            for (int i = 0; i < outputs.size(); i++) {
                for (int k = byRow.col_idx[i]; k < byRow.col_idx[i + 1]; k++) {
                    out.write((i + 1) + " " + (byRow.nz_rows[k] + 1) + " " + byRow.nz_values[k] + "\n");
                }
            }
            return;
        }
        out.write("output," + String.join(",", inputs) + "\n");
        for (int i = 0; i < outputs.size(); i++) {
            double[] row = new double[inputs.size()];
            for (int k = byRow.col_idx[i]; k < byRow.col_idx[i + 1]; k++) {
                row[byRow.nz_rows[k]] = byRow.nz_values[k];
            }
            StringBuilder sb = new StringBuilder(outputs.get(i));
            for (double v : row) {
                sb.append(',').append(v);
            }
            out.write(sb.append('\n').toString());
        }
    }
}
