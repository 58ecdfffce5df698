package dev.leibniz.models.nn;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Recorder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Gradient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The explicit parameters of a network: named matrices, each with its shape and current values
 * (row-major). Layers declare theirs under a prefix ({@code "enc.W"}, {@code "lstm.b"}); a graph
 * sees them as named inputs ({@link #bind(GraphBuilder)} for a static graph,
 * {@link #bind(Recorder)} for a recording), so the gradient with respect to a parameter is the
 * gradient with respect to that input, and nothing about a layer is hidden state.
 *
 * <p>For the optimizers, which step a flat vector, {@link #flatten()} and {@link #unflatten}
 * concatenate the parameters in declaration order and {@link #flatten(Gradient, double[], boolean[])}
 * does the same for a gradient, keeping its presence flags (absent ≠ zero).
 */
public final class Parameters {
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, double[]> values = new LinkedHashMap<>();

    /** Declares a parameter with the given values (copied). */
    public void add(String name, Shape shape, double[] initial) {
        if (shapes.containsKey(name)) {
            throw new LeibnizException("parameter '" + name + "' is declared twice");
        }
        if (initial.length != shape.size()) {
            throw new LeibnizException("parameter '" + name + "' has shape " + shape + " but " + initial.length
                    + " initial values");
        }
        shapes.put(name, shape);
        values.put(name, initial.clone());
    }

    /** Declares a parameter filled with one value (0 for biases, 1 for scales). */
    public void addConstant(String name, Shape shape, double value) {
        double[] v = new double[shape.size()];
        java.util.Arrays.fill(v, value);
        add(name, shape, v);
    }

    /**
     * Declares a weight matrix with Glorot/Xavier uniform values in ±√(6/(fanIn + fanOut)), the
     * scale that keeps activations and gradients of a tanh layer at unit variance at the start.
     */
    public void addGlorot(String name, int fanIn, int fanOut, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        double[] v = new double[fanIn * fanOut];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-limit, limit);
        }
        add(name, new Shape(fanIn, fanOut), v);
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(shapes.keySet()));
    }

    public Shape shape(String name) {
        return require(name);
    }

    /** The live values of a parameter (modifying the array modifies the parameter). */
    public double[] values(String name) {
        require(name);
        return values.get(name);
    }

    /** Total number of scalars. */
    public int size() {
        int n = 0;
        for (Shape s : shapes.values()) {
            n += s.size();
        }
        return n;
    }

    /** Every parameter as a named input of a static graph, with its shape. */
    public Bindings bind(GraphBuilder b) {
        Map<String, dev.leibniz.core.Var> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            vars.put(e.getKey(), b.input(e.getKey(), e.getValue()));
        }
        return new Bindings(vars);
    }

    /** Every parameter as a differentiable parameter of a recording, with its current values. */
    public Bindings bind(Recorder rec) {
        Map<String, dev.leibniz.core.Var> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            vars.put(e.getKey(), rec.parameter(e.getKey(), values.get(e.getKey()), e.getValue()));
        }
        return new Bindings(vars);
    }

    /** All values, concatenated in declaration order. */
    public double[] flatten() {
        double[] flat = new double[size()];
        int at = 0;
        for (double[] v : values.values()) {
            System.arraycopy(v, 0, flat, at, v.length);
            at += v.length;
        }
        return flat;
    }

    /** Sets all values from a vector laid out as {@link #flatten()}. */
    public void unflatten(double[] flat) {
        if (flat.length != size()) {
            throw new LeibnizException("expected " + size() + " parameter values, got " + flat.length);
        }
        int at = 0;
        for (double[] v : values.values()) {
            System.arraycopy(flat, at, v, 0, v.length);
            at += v.length;
        }
    }

    /**
     * Writes a gradient into {@code grad} in the layout of {@link #flatten()}, and into
     * {@code present} whether each entry's parameter was reached (absent parameters get 0 and
     * false). Variables of the gradient that are not parameters (data) are ignored.
     */
    public void flatten(Gradient g, double[] grad, boolean[] present) {
        int at = 0;
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            int n = e.getValue().size();
            boolean p = g.isPresent(e.getKey());
            double[] v = g.array(e.getKey());
            System.arraycopy(v, 0, grad, at, n);
            java.util.Arrays.fill(present, at, at + n, p);
            at += n;
        }
    }

    private Shape require(String name) {
        Shape s = shapes.get(name);
        if (s == null) {
            throw new LeibnizException("no parameter named '" + name + "'; parameters are " + shapes.keySet());
        }
        return s;
    }
}
