package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.calibration.Optimizers;
import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.ode.SensitivityMethod;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A calibration problem that travels: everything an executor needs to run fits of one model,
 * as plain text and names, so it serialises in a few kilobytes and means the same in any JVM.
 *
 * <ul>
 *   <li>the model file's text and name (parsed and compiled once per JVM, see {@link JobCache});</li>
 *   <li>the data as CSV text and its name, or none when every task brings its own data
 *       (per-group fits);</li>
 *   <li>the loss, optimizer, iteration limit, ODE method and sensitivity method by name, as the
 *       {@code fit} command takes them, and the parameters held fixed.</li>
 * </ul>
 *
 * Immutable; the {@code with…} methods return changed copies. {@link #key()} is a SHA-256 of
 * every field, the cache key of the compiled form.
 */
public final class FitJob implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String modelName;
    private final String modelText;
    private final String dataName;
    private final String dataText;
    private final String loss;
    private final String optimizer;
    private final int maxIterations;
    private final List<String> fixed;
    private final String method;
    private final SensitivityMethod sensitivity;

    private FitJob(String modelName, String modelText, String dataName, String dataText, String loss,
                   String optimizer, int maxIterations, List<String> fixed, String method,
                   SensitivityMethod sensitivity) {
        this.modelName = modelName;
        this.modelText = modelText;
        this.dataName = dataName;
        this.dataText = dataText;
        this.loss = loss;
        this.optimizer = optimizer;
        this.maxIterations = maxIterations;
        this.fixed = List.copyOf(fixed);
        this.method = method;
        this.sensitivity = sensitivity;
    }

    /** A job of the model file {@code modelText} (named {@code modelName} in messages), sum-of-squares loss, default optimizer. */
    public static FitJob of(String modelName, String modelText) {
        if (modelName == null || modelText == null) {
            throw new LeibnizException("a fit job needs a model name and text, got " + modelName + " and "
                    + (modelText == null ? null : "text"));
        }
        return new FitJob(modelName, modelText, null, null, "sse", null, 0, List.of(), null, SensitivityMethod.AUTO);
    }

    /** The same job against the CSV text {@code csv} (named {@code name} in messages). */
    public FitJob withData(String name, String csv) {
        return new FitJob(modelName, modelText, name, csv, loss, optimizer, maxIterations, fixed, method, sensitivity);
    }

    /** The loss by name ({@link Losses#byName}: sse, logsse, poisson); checked here, so a bad name fails on the driver. */
    public FitJob withLoss(String name) {
        Losses.byName(name);
        return new FitJob(modelName, modelText, dataName, dataText, name, optimizer, maxIterations, fixed, method, sensitivity);
    }

    /** The optimizer by name ({@link Optimizers#byName}), or null for the calibrator's default. */
    public FitJob withOptimizer(String name) {
        if (name != null) {
            Optimizers.byName(name, 1);
        }
        return new FitJob(modelName, modelText, dataName, dataText, loss, name, maxIterations, fixed, method, sensitivity);
    }

    /** The iteration limit (0: the optimizer's own). */
    public FitJob withMaxIterations(int n) {
        if (n < 0) {
            throw new LeibnizException("the iteration limit must be >= 0 (0: the optimizer's default), got " + n);
        }
        return new FitJob(modelName, modelText, dataName, dataText, loss, optimizer, n, fixed, method, sensitivity);
    }

    /** Parameters held at their values in the model file. */
    public FitJob withFixed(List<String> names) {
        return new FitJob(modelName, modelText, dataName, dataText, loss, optimizer, maxIterations, names, method, sensitivity);
    }

    /** The ODE method by name ({@link dev.leibniz.ode.Method#byName}), or null for the default. */
    public FitJob withMethod(String name) {
        if (name != null) {
            dev.leibniz.ode.Method.byName(name);
        }
        return new FitJob(modelName, modelText, dataName, dataText, loss, optimizer, maxIterations, fixed, name, sensitivity);
    }

    public FitJob withSensitivity(SensitivityMethod m) {
        return new FitJob(modelName, modelText, dataName, dataText, loss, optimizer, maxIterations, fixed, method, m);
    }

    public String modelName() {
        return modelName;
    }

    public String modelText() {
        return modelText;
    }

    /** The data's name, or null when the job carries no data. */
    public String dataName() {
        return dataName;
    }

    /** The data's CSV text, or null when the job carries no data. */
    public String dataText() {
        return dataText;
    }

    public String loss() {
        return loss;
    }

    public List<String> fixed() {
        return fixed;
    }

    /**
     * A calibrator of {@code sim} against {@code data} configured as this job says (loss,
     * optimizer, limit, sensitivity, fixed parameters); the task adds its start point.
     */
    public Calibrator calibrator(OdeSimulator sim, DataSet data) {
        Calibrator c = Calibrator.of(sim, data).loss(Losses.byName(loss)).sensitivity(sensitivity);
        if (optimizer != null) {
            c.optimizer(Optimizers.byName(optimizer, maxIterations > 0 ? maxIterations : 1000));
        }
        if (maxIterations > 0) {
            c.maxIterations(maxIterations);
        }
        if (!fixed.isEmpty()) {
            c.fix(fixed.toArray(new String[0]));
        }
        return c;
    }

    /** The ODE method's name, or null for the default. */
    String method() {
        return method;
    }

    /** SHA-256 (hex) of every field: equal keys, equal jobs. */
    public String key() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Object f : new Object[] {modelName, modelText, dataName, dataText, loss, optimizer, maxIterations,
                    fixed, method, sensitivity}) {
                md.update(String.valueOf(f).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
