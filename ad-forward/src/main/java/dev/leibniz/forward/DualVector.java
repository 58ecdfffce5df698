package dev.leibniz.forward;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import java.util.Arrays;

/**
 * A value with k tangent lanes: {@code x + Σ_l ẋ_l ε_l}, each lane an independent direction.
 * Running plain Java code once on such values gives k directional derivatives at once (vector
 * forward mode): a Jacobian of n inputs takes ⌈n/k⌉ runs instead of n, and each local partial
 * is evaluated once per run, not once per direction.
 *
 * <p>The lanes are stored in one flat {@code double[k]}. A DualVector is mutable: the operations
 * of {@link DualVectorOps} write into an output argument you pass and reuse, so an inner loop
 * allocates nothing. The instance methods here ({@link #mul(DualVector)} …) are the convenient,
 * allocating form of the same operations.
 *
 * <pre>{@code
 * DualVector x = DualVector.variable(0.5, 2, 0);   // ∂/∂x in lane 0
 * DualVector y = DualVector.variable(2.0, 2, 1);   // ∂/∂y in lane 1
 * DualVector f = new DualVector(2);
 * DualVectorOps.mul(x, y, f);                      // f = x·y, lanes (y, x) = (2.0, 0.5)
 * DualVectorOps.sin(f, f);                          // in place
 * }</pre>
 */
public final class DualVector {
    double value;
    final double[] lanes;

    /** Zero value, zero tangents, k lanes. */
    public DualVector(int k) {
        if (k < 1) {
            throw new LaneCountException("a DualVector needs at least one tangent lane, got " + k);
        }
        this.lanes = new double[k];
    }

    /** A constant: every lane 0. */
    public static DualVector constant(double value, int k) {
        return new DualVector(k).setConstant(value);
    }

    /** An input seeded in one lane: tangent 1 in {@code lane}, 0 elsewhere. */
    public static DualVector variable(double value, int k, int lane) {
        return new DualVector(k).setVariable(value, lane);
    }

    /** A value with the given tangents, one per lane. */
    public static DualVector of(double value, double... tangents) {
        if (tangents == null || tangents.length == 0) {
            throw new LaneCountException("a DualVector needs at least one tangent lane, got none");
        }
        DualVector d = new DualVector(tangents.length);
        d.value = value;
        System.arraycopy(tangents, 0, d.lanes, 0, tangents.length);
        return d;
    }

    /** Number of tangent lanes k. */
    public int lanes() {
        return lanes.length;
    }

    public double value() {
        return value;
    }

    public double tangent(int lane) {
        checkLane(lane);
        return lanes[lane];
    }

    /** A copy of the k tangents. */
    public double[] tangents() {
        return lanes.clone();
    }

    /** Sets the value and all k tangents; the number of tangents must be k. */
    public DualVector set(double v, double... tangents) {
        if (tangents == null || tangents.length != lanes.length) {
            throw new LaneCountException("this DualVector has " + lanes.length + " lanes, got "
                    + (tangents == null ? "null" : tangents.length + " tangents"));
        }
        value = v;
        System.arraycopy(tangents, 0, lanes, 0, lanes.length);
        return this;
    }

    public DualVector setConstant(double v) {
        value = v;
        Arrays.fill(lanes, 0.0);
        return this;
    }

    public DualVector setVariable(double v, int lane) {
        checkLane(lane);
        setConstant(v);
        lanes[lane] = 1.0;
        return this;
    }

    /** Copies value and lanes from {@code o}, which must have the same lane count. */
    public DualVector set(DualVector o) {
        if (o == null) {
            throw new LeibnizException("cannot copy a null DualVector");
        }
        return set(o.value, o.lanes);
    }

    public DualVector copy() {
        return of(value, lanes);
    }

    private void checkLane(int lane) {
        if (lane < 0 || lane >= lanes.length) {
            throw new LaneCountException("lane " + lane + " does not exist; this DualVector has lanes 0.."
                    + (lanes.length - 1));
        }
    }

    private DualVector fresh() {
        return new DualVector(lanes.length);
    }

    public DualVector add(DualVector o) {
        return DualVectorOps.add(this, o, fresh());
    }

    public DualVector sub(DualVector o) {
        return DualVectorOps.sub(this, o, fresh());
    }

    public DualVector mul(DualVector o) {
        return DualVectorOps.mul(this, o, fresh());
    }

    public DualVector div(DualVector o) {
        return DualVectorOps.div(this, o, fresh());
    }

    public DualVector pow(DualVector o) {
        return DualVectorOps.pow(this, o, fresh());
    }

    public DualVector pow(int n) {
        return DualVectorOps.pow(this, n, fresh());
    }

    public DualVector hypot(DualVector o) {
        return DualVectorOps.hypot(this, o, fresh());
    }

    public DualVector max(DualVector o) {
        return DualVectorOps.max(this, o, fresh(), Subgradients.DEFAULT);
    }

    public DualVector min(DualVector o) {
        return DualVectorOps.min(this, o, fresh(), Subgradients.DEFAULT);
    }

    public DualVector neg() {
        return DualVectorOps.neg(this, fresh());
    }

    public DualVector square() {
        return DualVectorOps.square(this, fresh());
    }

    public DualVector sqrt() {
        return DualVectorOps.sqrt(this, fresh());
    }

    public DualVector exp() {
        return DualVectorOps.exp(this, fresh());
    }

    public DualVector log() {
        return DualVectorOps.log(this, fresh());
    }

    public DualVector log1p() {
        return DualVectorOps.log1p(this, fresh());
    }

    public DualVector expm1() {
        return DualVectorOps.expm1(this, fresh());
    }

    public DualVector sin() {
        return DualVectorOps.sin(this, fresh());
    }

    public DualVector cos() {
        return DualVectorOps.cos(this, fresh());
    }

    public DualVector tan() {
        return DualVectorOps.tan(this, fresh());
    }

    public DualVector tanh() {
        return DualVectorOps.tanh(this, fresh());
    }

    public DualVector sigmoid() {
        return DualVectorOps.sigmoid(this, fresh());
    }

    public DualVector softplus() {
        return DualVectorOps.softplus(this, fresh());
    }

    public DualVector relu() {
        return DualVectorOps.relu(this, fresh(), Subgradients.DEFAULT);
    }

    public DualVector abs() {
        return DualVectorOps.abs(this, fresh(), Subgradients.DEFAULT);
    }

    /** {@code value + [t₀, t₁, …]ε}. */
    @Override
    public String toString() {
        return value + " + " + Arrays.toString(lanes) + "ε";
    }
}
