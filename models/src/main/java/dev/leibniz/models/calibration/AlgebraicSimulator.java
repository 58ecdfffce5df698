package dev.leibniz.models.calibration;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Program;
import dev.leibniz.models.data.DataFileException;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.Input;
import dev.leibniz.models.spec.ModelFileException;
import dev.leibniz.models.spec.ModelSpec;
import dev.leibniz.models.spec.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Simulator} for an algebraic model file (no states): in data row k the observables are
 *
 * <pre>
 *   z_k = g(x_k, θ)
 * </pre>
 *
 * with x_k the row's {@code input} columns. g is the spec's {@link ModelSpec#algebraicGraph()},
 * compiled once; the Jacobian row ∂z_kc/∂θ is one reverse sweep of output c at (x_k, θ) — exact,
 * not a difference quotient, which is what lets least squares reach the NIST certified digits.
 *
 * <p>The rows are the data's: {@link #simulate} is called with the data's "times", which for
 * data without a time column are the row numbers; only their count is used, so the simulator
 * must be made for the same data it is fitted to ({@link #forData}).
 */
public final class AlgebraicSimulator implements Simulator {
    private final ModelSpec spec;
    private final Program program;
    private final double[][] inputs;

    private AlgebraicSimulator(ModelSpec spec, Program program, double[][] inputs) {
        this.spec = spec;
        this.program = program;
        this.inputs = inputs;
    }

    /**
     * The simulator of {@code spec} over the rows of {@code data}: each {@code input} must be a
     * column of the data (else an error at the input's line of the model file) and present in
     * every row; then every other data column must be an output.
     */
    public static AlgebraicSimulator forData(ModelSpec spec, DataSet data) {
        if (!spec.isAlgebraic()) {
            throw new LeibnizException("model " + spec.name() + " has states; simulate it with an OdeSimulator");
        }
        double[][] x = new double[data.rowCount()][spec.inputs().size()];
        for (int i = 0; i < spec.inputs().size(); i++) {
            Input in = spec.inputs().get(i);
            int c = data.columnIndex(in.name());
            if (c < 0) {
                throw new ModelFileException(spec.fileName(), in.position().line(), in.position().column(),
                        "input '" + in.name() + "' is not a column of " + data.name() + " (its columns: "
                                + String.join(", ", data.columns()) + ")");
            }
            for (int r = 0; r < x.length; r++) {
                if (!data.isObserved(r, c)) {
                    throw new DataFileException(data.name(), data.line(r), in.name(),
                            "the input is missing; every row needs the values of all inputs");
                }
                x[r][i] = data.value(r, c);
            }
        }
        List<String> outputs = spec.outputNames();
        for (String col : data.columns()) {
            if (!outputs.contains(col) && !spec.inputNames().contains(col)) {
                throw new DataFileException(data.name(), 0, col, "is neither an input nor an output of the model "
                        + spec.name() + " (inputs: " + String.join(", ", spec.inputNames()) + "; outputs: "
                        + String.join(", ", outputs) + ")");
            }
        }
        return of(spec, x);
    }

    /** The simulator of {@code spec} over the given input rows ({@code inputs[k][i]}: input i in row k). */
    public static AlgebraicSimulator of(ModelSpec spec, double[][] inputs) {
        for (double[] row : inputs) {
            if (row.length != spec.inputs().size()) {
                throw new LeibnizException("model " + spec.name() + " has " + spec.inputs().size() + " inputs "
                        + spec.inputNames() + ", a row has " + row.length + " values");
            }
        }
        return new AlgebraicSimulator(spec, spec.algebraicGraph().compile(), inputs.clone());
    }

    /** The data columns that are observed (the outputs among them), in data order. */
    public static DataSet observed(ModelSpec spec, DataSet data) {
        List<String> keep = new ArrayList<>();
        for (String c : data.columns()) {
            if (spec.outputNames().contains(c)) {
                keep.add(c);
            }
        }
        if (keep.isEmpty()) {
            throw new DataFileException(data.name(), 0, null, "no column is an output of the model " + spec.name()
                    + " (outputs: " + String.join(", ", spec.outputNames()) + "; columns: "
                    + String.join(", ", data.columns()) + ")");
        }
        return data.select(keep);
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public List<Parameter> parameters() {
        return spec.parameters();
    }

    @Override
    public List<String> observableNames() {
        return spec.outputNames();
    }

    /** No time: any row may be observed. */
    @Override
    public double startTime() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    public void simulate(double[] theta, double[] times, int[] columns, double[][] values, double[][][] jacobian) {
        if (times.length != inputs.length) {
            throw new LeibnizException("model " + spec.name() + " was set up for " + inputs.length + " data rows, asked for "
                    + times.length);
        }
        evaluate(theta, inputs, columns, values, jacobian);
    }

    /**
     * The outputs {@code columns} at the rows {@code x} (for plots: a grid of inputs), and their
     * Jacobian when {@code jacobian} is not null.
     */
    public void evaluate(double[] theta, double[][] x, int[] columns, double[][] values, double[][][] jacobian) {
        int nIn = spec.inputs().size();
        double[] in = new double[nIn + theta.length];
        System.arraycopy(theta, 0, in, nIn, theta.length);
        for (int k = 0; k < x.length; k++) {
            System.arraycopy(x[k], 0, in, 0, nIn);
            if (jacobian == null) {
                double[] all = program.evaluate(in);
                for (int c = 0; c < columns.length; c++) {
                    values[k][c] = all[columns[c]];
                }
                continue;
            }
            for (int c = 0; c < columns.length; c++) {
                Gradient g = program.gradient(columns[c], EvalOptions.DEFAULT, in);
                values[k][c] = g.value();
                double[] dg = g.toArray();
                System.arraycopy(dg, nIn, jacobian[k][c], 0, theta.length);
            }
        }
    }
}
