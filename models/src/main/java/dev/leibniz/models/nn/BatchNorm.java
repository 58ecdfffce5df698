package dev.leibniz.models.nn;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;

/**
 * Batch normalization (Ioffe &amp; Szegedy 2015) of a batch×features matrix, per feature (column):
 *
 * <pre>
 * training:    μ = mean over the batch,  σ² = mean((x − μ)²)  (biased),  y = γ ⊙ (x − μ)/√(σ² + ε) + β
 * evaluation:  y = γ ⊙ (x − μ_run)/√(σ²_run + ε) + β
 * running:     μ_run ← (1 − m)·μ_run + m·μ,   σ²_run ← (1 − m)·σ²_run + m·σ²·B/(B − 1)  (unbiased)
 * </pre>
 *
 * In training mode the statistics are nodes of the graph, so the gradient flows through them: a
 * row's output depends on every row of the batch, and the gradient says so. In evaluation mode the
 * running averages are constants and each row is normalized on its own. The running averages are
 * state of this object, not parameters: they are updated from the batch statistics that a
 * training step computed ({@link #update}), never by the optimizer. Parameters: {@code <name>.gamma}
 * (1×features, ones) and {@code <name>.beta} (zeros).
 */
public final class BatchNorm {
    /** The normalized output and the batch statistics it used (for {@link #update}). */
    public record Training(Var y, Var mean, Var variance) {
    }

    private final String name;
    private final int features;
    private final double momentum;
    private final double epsilon;
    private final double[] runningMean;
    private final double[] runningVariance;

    /** With momentum 0.1 and ε = 1e-5, as in PyTorch. */
    public BatchNorm(String name, int features) {
        this(name, features, 0.1, 1e-5);
    }

    public BatchNorm(String name, int features, double momentum, double epsilon) {
        if (!(momentum > 0 && momentum <= 1) || !(epsilon > 0)) {
            throw new LeibnizException("batch norm needs momentum in (0, 1] and ε > 0, got " + momentum + ", " + epsilon);
        }
        this.name = name;
        this.features = features;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.runningMean = new double[features];
        this.runningVariance = new double[features];
        java.util.Arrays.fill(runningVariance, 1.0);
    }

    public void declare(Parameters p) {
        p.addConstant(name + ".gamma", new Shape(1, features), 1.0);
        p.addConstant(name + ".beta", new Shape(1, features), 0.0);
    }

    /** Training mode: normalizes by the statistics of this batch. */
    public Training train(Bindings p, Var x) {
        check(x);
        Var mean = x.mean(0);
        Var centered = x.sub(mean);
        Var variance = centered.square().mean(0);
        Var y = centered.div(variance.add(epsilon).sqrt()).mul(p.get(name + ".gamma")).add(p.get(name + ".beta"));
        return new Training(y, mean, variance);
    }

    /** Evaluation mode: normalizes by the running averages (constants of the graph). */
    public Var evaluate(Bindings p, Var x) {
        check(x);
        Shape row = new Shape(1, features);
        double[] scale = new double[features];
        for (int j = 0; j < features; j++) {
            scale[j] = 1.0 / Math.sqrt(runningVariance[j] + epsilon);
        }
        return x.sub(x.constant(runningMean, row)).mul(x.constant(scale, row)).mul(p.get(name + ".gamma"))
                .add(p.get(name + ".beta"));
    }

    /** Folds one training batch's statistics (biased variance, as computed by {@link #train}) into the running averages. */
    public void update(double[] batchMean, double[] batchVariance, int batchSize) {
        if (batchMean.length != features || batchVariance.length != features) {
            throw new LeibnizException("batch norm '" + name + "' has " + features + " features, got statistics of "
                    + batchMean.length + " and " + batchVariance.length);
        }
        double unbiased = batchSize > 1 ? batchSize / (batchSize - 1.0) : 1.0;
        for (int j = 0; j < features; j++) {
            runningMean[j] = (1 - momentum) * runningMean[j] + momentum * batchMean[j];
            runningVariance[j] = (1 - momentum) * runningVariance[j] + momentum * batchVariance[j] * unbiased;
        }
    }

    public double[] runningMean() {
        return runningMean.clone();
    }

    public double[] runningVariance() {
        return runningVariance.clone();
    }

    public double epsilon() {
        return epsilon;
    }

    private void check(Var x) {
        if (x.shape().cols() != features) {
            throw new LeibnizException("batch norm '" + name + "' normalizes " + features + " features, got a "
                    + x.shape() + " batch");
        }
    }
}
