package dev.leibniz.core.optim;

/**
 * Adam (Kingma &amp; Ba 2015) with a step counter per parameter. For a present gradient g of
 * parameter i, with tᵢ the number of steps <em>that parameter</em> has taken, including this one:
 *
 * <pre>
 * tᵢ ← tᵢ + 1
 * mᵢ ← β₁·mᵢ + (1 − β₁)·g          m̂ = mᵢ / (1 − β₁^tᵢ)
 * vᵢ ← β₂·vᵢ + (1 − β₂)·g²         v̂ = vᵢ / (1 − β₂^tᵢ)
 * xᵢ ← xᵢ − lr·m̂ / (√v̂ + ε)
 * </pre>
 *
 * An absent gradient leaves xᵢ, mᵢ, vᵢ and tᵢ untouched, so the bias correction of a parameter
 * that sat out some steps counts only the steps it took (a single global counter would
 * over-correct it later). A zero gradient is a normal step: the moments decay and x still moves
 * by lr·m̂/(√v̂ + ε) while m is nonzero.
 */
public final class Adam extends AbstractStepOptimizer {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double[] m;
    private double[] v;
    private int[] t;

    /** Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate lr &gt; 0
     * @param beta1        decay of the first moment, in [0, 1)
     * @param beta2        decay of the second moment, in [0, 1)
     * @param epsilon      ε &gt; 0 in the denominator
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.lr = Checks.positive("Adam", "learning rate", learningRate);
        this.beta1 = Checks.decay("Adam", "beta1", beta1);
        this.beta2 = Checks.decay("Adam", "beta2", beta2);
        this.eps = Checks.positive("Adam", "epsilon", epsilon);
    }

    /** The first moment mᵢ. */
    public double firstMoment(int i) {
        checkIndex(i);
        return m[i];
    }

    /** The second moment vᵢ. */
    public double secondMoment(int i) {
        checkIndex(i);
        return v[i];
    }

    /** The number of steps parameter i has taken (steps with a present gradient). */
    public int stepCount(int i) {
        checkIndex(i);
        return t[i];
    }

    @Override
    protected void allocate(int n) {
        m = new double[n];
        v = new double[n];
        t = new int[n];
    }

    @Override
    protected void update(double[] params, int i, double g) {
        int ti = ++t[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        double mHat = m[i] / (1 - Math.pow(beta1, ti));
        double vHat = v[i] / (1 - Math.pow(beta2, ti));
        params[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
    }

    @Override
    public void reset() {
        super.reset();
        m = null;
        v = null;
        t = null;
    }

    @Override
    protected String name() {
        return "Adam";
    }
}
