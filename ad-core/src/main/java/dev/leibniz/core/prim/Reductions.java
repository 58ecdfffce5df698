package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * Numerically stable reductions over any number of scalars: log-sum-exp and the fused softmax
 * cross-entropy. Both shift by the maximum, so logsumexp([1000, 1000]) = 1000 + ln 2 rather than
 * overflowing, and their gradients (softmax, softmax − one-hot) stay finite at extreme inputs.
 */
public final class Reductions {
    private Reductions() {
    }

    /** y = log Σ e^{x_i} = m + log Σ e^{x_i − m}, m = max x_i; ∂_k = e^{x_k − y} (softmax). */
    public static final Primitive LOGSUMEXP = new Primitive("logsumexp", -1) {
        @Override
        public Kind kind() {
            return Kind.GENERAL;
        }

        @Override
        public double apply(double[] x, int n, double param, Subgradients p) {
            return logSumExp(x, n);
        }

        @Override
        public double partial(int k, double[] x, int n, double y, double param, Subgradients p) {
            return Math.exp(x[k] - y);
        }

        @Override
        public Var partial(int k, Var[] x, Var y, double param) {
            return x[k].sub(y).exp();
        }

        @Override
        public boolean savesInput(int k) {
            return true;
        }

        @Override
        public boolean savesOutput() {
            return true;
        }

        @Override
        public boolean isCommutative() {
            return true;
        }
    };

    /**
     * Fused softmax cross-entropy of logits x with target class t (the node's parameter):
     * y = logsumexp(x) − x_t; ∂_k = softmax(x)_k − [k = t]. Saves the logits and y.
     */
    public static final Primitive SOFTMAX_CROSS_ENTROPY = new Primitive("softmax_xent", -1) {
        @Override
        public Kind kind() {
            return Kind.GENERAL;
        }

        @Override
        public boolean hasParam() {
            return true;
        }

        @Override
        public String formatParam(double t) {
            return "target=" + (int) t;
        }

        @Override
        public double apply(double[] x, int n, double t, Subgradients p) {
            return logSumExp(x, n) - x[target(t, n)];
        }

        @Override
        public double partial(int k, double[] x, int n, double y, double t, Subgradients p) {
            int target = target(t, n);
            // softmax_k = e^{x_k − lse} with the arguments' own logsumexp: lse = y + x_t would lose
            // every digit when |x_t| ≫ |lse| (a very negative target logit)
            double softmax = Math.exp(x[k] - logSumExp(x, n));
            return k == target ? softmax - 1.0 : softmax;
        }

        @Override
        public Var partial(int k, Var[] x, Var y, double t) {
            int target = target(t, x.length);
            Var softmax = x[k].sub(Var.logsumexp(x)).exp();
            return k == target ? softmax.sub(1.0) : softmax;
        }

        @Override
        public boolean savesInput(int k) {
            return true;
        }

        @Override
        public boolean savesOutput() {
            return true;
        }

        @Override
        public void checkParam(double t, int n) {
            target(t, n);
        }
    };

    private static int target(double t, int n) {
        int target = (int) t;
        if (target != t || target < 0 || target >= n) {
            throw new GraphException("softmax cross-entropy target class " + t + " is not in [0, " + n + ")");
        }
        return target;
    }

    /** log Σ_{i&lt;n} e^{x_i}, shifted by the maximum; −∞ when every x_i is −∞. */
    public static double logSumExp(double[] x, int n) {
        return logSumExp(x, 0, n);
    }

    /**
     * log Σ e^{x_i} over {@code x[from], …, x[from + n − 1]}, shifted by the maximum m. A non-finite
     * m is the answer itself (+∞ when some x_i = +∞, −∞ when all are −∞, NaN when one is NaN)
     * rather than the NaN of e^{∞ − ∞}. The one formula of the scalar {@code logsumexp} and
     * {@code softmax_xent} and of the row-wise {@code softmax_xent_rows}, so they agree bit for bit.
     */
    public static double logSumExp(double[] x, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from, end = from + n; i < end; i++) {
            m = Math.max(m, x[i]);
        }
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY || Double.isNaN(m)) {
            return m;
        }
        double s = 0;
        for (int i = from, end = from + n; i < end; i++) {
            s += Math.exp(x[i] - m);
        }
        return m + Math.log(s);
    }
}
