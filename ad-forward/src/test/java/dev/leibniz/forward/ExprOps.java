package dev.leibniz.forward;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.hipparchus.CalculusFieldElement;

/**
 * The operations a random expression is made of, over any number type: ad-core graph variables
 * (to build the graph under test), Leibniz duals, and the independent oracles — Hipparchus'
 * Gradient/DerivativeStructure through its field interface, and Commons Math 3's
 * DerivativeStructure. Where an oracle has no such function (sigmoid, softplus, relu,
 * logsumexp, select) it is written from the oracle's elementary functions.
 */
interface ExprOps<T> {
    T constant(double c);

    T add(T a, T b);

    T sub(T a, T b);

    T mul(T a, T b);

    T div(T a, T b);

    T neg(T a);

    T square(T a);

    T powi(T a, int n);

    T pow(T a, T b);

    T sqrt(T a);

    T exp(T a);

    T log(T a);

    T log1p(T a);

    T expm1(T a);

    T sin(T a);

    T cos(T a);

    T tan(T a);

    T tanh(T a);

    T sigmoid(T a);

    T softplus(T a);

    T relu(T a);

    T abs(T a);

    T max(T a, T b);

    T min(T a, T b);

    T hypot(T a, T b);

    /** ifTrue where a &gt; b, else ifFalse. */
    T selectGreater(T a, T b, T ifTrue, T ifFalse);

    T logsumexp(T a, T b, T c);

    /** ad-core variables: builds the graph. */
    final class VarOps implements ExprOps<Var> {
        private final GraphBuilder b;

        VarOps(GraphBuilder b) {
            this.b = b;
        }

        public Var constant(double c) {
            return b.constant(c);
        }

        public Var add(Var a, Var c) {
            return a.add(c);
        }

        public Var sub(Var a, Var c) {
            return a.sub(c);
        }

        public Var mul(Var a, Var c) {
            return a.mul(c);
        }

        public Var div(Var a, Var c) {
            return a.div(c);
        }

        public Var neg(Var a) {
            return a.neg();
        }

        public Var square(Var a) {
            return a.square();
        }

        public Var powi(Var a, int n) {
            return a.pow(n);
        }

        public Var pow(Var a, Var c) {
            return a.pow(c);
        }

        public Var sqrt(Var a) {
            return a.sqrt();
        }

        public Var exp(Var a) {
            return a.exp();
        }

        public Var log(Var a) {
            return a.log();
        }

        public Var log1p(Var a) {
            return a.log1p();
        }

        public Var expm1(Var a) {
            return a.expm1();
        }

        public Var sin(Var a) {
            return a.sin();
        }

        public Var cos(Var a) {
            return a.cos();
        }

        public Var tan(Var a) {
            return a.tan();
        }

        public Var tanh(Var a) {
            return a.tanh();
        }

        public Var sigmoid(Var a) {
            return a.sigmoid();
        }

        public Var softplus(Var a) {
            return a.softplus();
        }

        public Var relu(Var a) {
            return a.relu();
        }

        public Var abs(Var a) {
            return a.abs();
        }

        public Var max(Var a, Var c) {
            return a.max(c);
        }

        public Var min(Var a, Var c) {
            return a.min(c);
        }

        public Var hypot(Var a, Var c) {
            return a.hypot(c);
        }

        public Var selectGreater(Var a, Var c, Var t, Var f) {
            return Var.select(a.gt(c), t, f);
        }

        public Var logsumexp(Var a, Var c, Var d) {
            return Var.logsumexp(a, c, d);
        }
    }

    /**
     * Any Hipparchus field element (Gradient, DerivativeStructure, UnivariateDerivative, and
     * Leibniz's Dual) through the CalculusFieldElement interface only.
     */
    class FieldOps<T extends CalculusFieldElement<T>> implements ExprOps<T> {
        private final T prototype;

        FieldOps(T prototype) {
            this.prototype = prototype;
        }

        public T constant(double c) {
            return prototype.newInstance(c);
        }

        public T add(T a, T b) {
            return a.add(b);
        }

        public T sub(T a, T b) {
            return a.subtract(b);
        }

        public T mul(T a, T b) {
            return a.multiply(b);
        }

        public T div(T a, T b) {
            return a.divide(b);
        }

        public T neg(T a) {
            return a.negate();
        }

        public T square(T a) {
            return a.square();
        }

        public T powi(T a, int n) {
            return a.pow(n);
        }

        public T pow(T a, T b) {
            return a.pow(b);
        }

        public T sqrt(T a) {
            return a.sqrt();
        }

        public T exp(T a) {
            return a.exp();
        }

        public T log(T a) {
            return a.log();
        }

        public T log1p(T a) {
            return a.log1p();
        }

        public T expm1(T a) {
            return a.expm1();
        }

        public T sin(T a) {
            return a.sin();
        }

        public T cos(T a) {
            return a.cos();
        }

        public T tan(T a) {
            return a.tan();
        }

        public T tanh(T a) {
            return a.tanh();
        }

        /** 1/(1 + e⁻ˣ). */
        public T sigmoid(T a) {
            T one = a.getField().getOne();
            return one.divide(one.add(a.negate().exp()));
        }

        /** ln(1 + eˣ). */
        public T softplus(T a) {
            return a.exp().log1p();
        }

        public T relu(T a) {
            return a.getReal() > 0 ? a : a.getField().getZero();
        }

        public T abs(T a) {
            return a.abs();
        }

        public T max(T a, T b) {
            return a.getReal() >= b.getReal() ? a : b;
        }

        public T min(T a, T b) {
            return a.getReal() <= b.getReal() ? a : b;
        }

        public T hypot(T a, T b) {
            // not differentiable at the origin: ad-core takes both partials as 0 there, Hipparchus gives NaN
            if (a.getReal() == 0 && b.getReal() == 0) {
                return a.getField().getZero();
            }
            return a.hypot(b);
        }

        public T selectGreater(T a, T b, T t, T f) {
            return a.getReal() > b.getReal() ? t : f;
        }

        /** m + ln Σ e^{xᵢ − m} with the constant shift m = max xᵢ. */
        public T logsumexp(T a, T b, T c) {
            double m = Math.max(a.getReal(), Math.max(b.getReal(), c.getReal()));
            return a.subtract(m).exp().add(b.subtract(m).exp()).add(c.subtract(m).exp()).log().add(m);
        }
    }

    /** Leibniz duals, using Dual's own sigmoid, softplus, relu, max and min. */
    final class DualOps extends FieldOps<Dual> {
        DualOps() {
            super(Dual.constant(0.0));
        }

        @Override
        public Dual sigmoid(Dual a) {
            return a.sigmoid();
        }

        @Override
        public Dual softplus(Dual a) {
            return a.softplus();
        }

        @Override
        public Dual relu(Dual a) {
            return a.relu();
        }

        @Override
        public Dual max(Dual a, Dual b) {
            return a.max(b);
        }

        @Override
        public Dual min(Dual a, Dual b) {
            return a.min(b);
        }
    }

    /** Apache Commons Math 3 derivative structures. */
    final class Cm3Ops implements ExprOps<DerivativeStructure> {
        private final int params;
        private final int order;

        Cm3Ops(int params, int order) {
            this.params = params;
            this.order = order;
        }

        public DerivativeStructure constant(double c) {
            return new DerivativeStructure(params, order, c);
        }

        public DerivativeStructure add(DerivativeStructure a, DerivativeStructure b) {
            return a.add(b);
        }

        public DerivativeStructure sub(DerivativeStructure a, DerivativeStructure b) {
            return a.subtract(b);
        }

        public DerivativeStructure mul(DerivativeStructure a, DerivativeStructure b) {
            return a.multiply(b);
        }

        public DerivativeStructure div(DerivativeStructure a, DerivativeStructure b) {
            return a.divide(b);
        }

        public DerivativeStructure neg(DerivativeStructure a) {
            return a.negate();
        }

        public DerivativeStructure square(DerivativeStructure a) {
            return a.multiply(a);
        }

        public DerivativeStructure powi(DerivativeStructure a, int n) {
            return a.pow(n);
        }

        public DerivativeStructure pow(DerivativeStructure a, DerivativeStructure b) {
            return a.pow(b);
        }

        public DerivativeStructure sqrt(DerivativeStructure a) {
            return a.sqrt();
        }

        public DerivativeStructure exp(DerivativeStructure a) {
            return a.exp();
        }

        public DerivativeStructure log(DerivativeStructure a) {
            return a.log();
        }

        public DerivativeStructure log1p(DerivativeStructure a) {
            return a.log1p();
        }

        public DerivativeStructure expm1(DerivativeStructure a) {
            return a.expm1();
        }

        public DerivativeStructure sin(DerivativeStructure a) {
            return a.sin();
        }

        public DerivativeStructure cos(DerivativeStructure a) {
            return a.cos();
        }

        public DerivativeStructure tan(DerivativeStructure a) {
            return a.tan();
        }

        public DerivativeStructure tanh(DerivativeStructure a) {
            return a.tanh();
        }

        public DerivativeStructure sigmoid(DerivativeStructure a) {
            return a.negate().exp().add(1.0).reciprocal();
        }

        public DerivativeStructure softplus(DerivativeStructure a) {
            return a.exp().log1p();
        }

        public DerivativeStructure relu(DerivativeStructure a) {
            return a.getValue() > 0 ? a : constant(0.0);
        }

        public DerivativeStructure abs(DerivativeStructure a) {
            return a.abs();
        }

        public DerivativeStructure max(DerivativeStructure a, DerivativeStructure b) {
            return a.getValue() >= b.getValue() ? a : b;
        }

        public DerivativeStructure min(DerivativeStructure a, DerivativeStructure b) {
            return a.getValue() <= b.getValue() ? a : b;
        }

        public DerivativeStructure hypot(DerivativeStructure a, DerivativeStructure b) {
            return DerivativeStructure.hypot(a, b);
        }

        public DerivativeStructure selectGreater(DerivativeStructure a, DerivativeStructure b, DerivativeStructure t,
                                                 DerivativeStructure f) {
            return a.getValue() > b.getValue() ? t : f;
        }

        public DerivativeStructure logsumexp(DerivativeStructure a, DerivativeStructure b, DerivativeStructure c) {
            double m = Math.max(a.getValue(), Math.max(b.getValue(), c.getValue()));
            return a.subtract(m).exp().add(b.subtract(m).exp()).add(c.subtract(m).exp()).log().add(m);
        }
    }
}
