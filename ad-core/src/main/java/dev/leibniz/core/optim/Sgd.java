package dev.leibniz.core.optim;

/** Plain gradient descent: x ← x − lr·g. Stateless, so absent and zero gradients both leave x as it is. */
public final class Sgd extends AbstractStepOptimizer {
    private final double lr;

    /** @param learningRate lr &gt; 0 */
    public Sgd(double learningRate) {
        this.lr = Checks.positive("SGD", "learning rate", learningRate);
    }

    public double learningRate() {
        return lr;
    }

    @Override
    protected void allocate(int n) {
    }

    @Override
    protected void update(double[] params, int i, double g) {
        params[i] -= lr * g;
    }

    @Override
    protected String name() {
        return "SGD";
    }
}
