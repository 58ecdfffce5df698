package dev.leibniz.core;

/**
 * Which element of the subdifferential to use at a kink, chosen per evaluation.
 *
 * <ul>
 *   <li>{@code relu'(0) = reluAtZero}, any value in [0, 1]; default 0, as PyTorch, JAX and
 *       TensorFlow use.</li>
 *   <li>{@code abs'(0) = absAtZero}, any value in [-1, 1]; default 0 ({@code sign(0) = 0}, as in
 *       PyTorch and JAX).</li>
 *   <li>{@code max(a, b)} and {@code min(a, b)} at a tie {@code a == b}: the first argument gets
 *       {@code tieWeight} of the derivative and the second {@code 1 - tieWeight}; default 0.5,
 *       the even split of PyTorch's {@code maximum} and JAX's {@code maximum}.</li>
 * </ul>
 * The same policy is used by the reverse mode, the forward mode and the graphs they generate:
 * a derivative graph contains {@code step} / {@code sign} nodes whose value at 0 is read from the
 * policy of the evaluation that runs it.
 */
public record Subgradients(double reluAtZero, double absAtZero, double tieWeight) {
    /** relu'(0) = 0, abs'(0) = 0, ties split evenly. */
    public static final Subgradients DEFAULT = new Subgradients(0.0, 0.0, 0.5);

    public Subgradients {
        if (!(reluAtZero >= 0 && reluAtZero <= 1)) {
            throw new LeibnizException("relu'(0) must lie in [0, 1], got " + reluAtZero);
        }
        if (!(absAtZero >= -1 && absAtZero <= 1)) {
            throw new LeibnizException("abs'(0) must lie in [-1, 1], got " + absAtZero);
        }
        if (!(tieWeight >= 0 && tieWeight <= 1)) {
            throw new LeibnizException("tie weight for max/min must lie in [0, 1], got " + tieWeight);
        }
    }

    public Subgradients withReluAtZero(double v) {
        return new Subgradients(v, absAtZero, tieWeight);
    }

    public Subgradients withAbsAtZero(double v) {
        return new Subgradients(reluAtZero, v, tieWeight);
    }

    public Subgradients withTieWeight(double v) {
        return new Subgradients(reluAtZero, absAtZero, v);
    }
}
