package dev.leibniz.core.optim;

/**
 * Heavy-ball momentum (Polyak 1964), in the form PyTorch's SGD uses:
 * v ← β·v + g, x ← x − lr·v. With a zero gradient the parameter keeps moving by lr·β·v (the
 * velocity decays geometrically); with an absent gradient neither x nor v changes. β = 0 is
 * plain SGD; β close to 1 smooths noisy gradients but overshoots more on curved valleys.
 */
public final class Momentum extends AbstractStepOptimizer {
    private final double lr;
    private final double beta;
    private double[] velocity;

    /**
     * @param learningRate lr &gt; 0
     * @param beta         the momentum β ∈ [0, 1), typically 0.9
     */
    public Momentum(double learningRate, double beta) {
        this.lr = Checks.positive("Momentum", "learning rate", learningRate);
        this.beta = Checks.decay("Momentum", "beta", beta);
    }

    /** The velocity vᵢ (after the last step that updated parameter i). */
    public double velocity(int i) {
        checkIndex(i);
        return velocity[i];
    }

    @Override
    protected void allocate(int n) {
        velocity = new double[n];
    }

    @Override
    protected void update(double[] params, int i, double g) {
        velocity[i] = beta * velocity[i] + g;
        params[i] -= lr * velocity[i];
    }

    @Override
    public void reset() {
        super.reset();
        velocity = null;
    }

    @Override
    protected String name() {
        return "Momentum";
    }
}
