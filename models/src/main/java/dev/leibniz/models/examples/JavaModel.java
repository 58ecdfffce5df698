package dev.leibniz.models.examples;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.OdeModel;
import dev.leibniz.models.spec.Parameter;
import dev.leibniz.models.spec.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the shipped models written in Java: names, parameters with guesses and bounds, t₀.
 * A subclass writes {@link #derivatives}, {@link #initialValues} and, if it has outputs,
 * {@link #outputs} with {@link dev.leibniz.core.Var} operations — the same equations as its
 * model file under {@code examples/}.
 */
public abstract class JavaModel implements OdeModel {
    private final String name;
    private final List<Parameter> parameters;
    private final List<String> states;
    private final List<String> outputs;
    private final double t0;

    protected JavaModel(String name, List<Parameter> parameters, List<String> states, List<String> outputs, double t0) {
        this.name = name;
        this.parameters = List.copyOf(parameters);
        this.states = List.copyOf(states);
        this.outputs = List.copyOf(outputs);
        this.t0 = t0;
    }

    /** A parameter bounded below by 0 (log-transformed in calibration). */
    protected static Parameter positive(String name, double initial) {
        return new Parameter(name, initial, 0.0, Double.POSITIVE_INFINITY, new Position(0, 0));
    }

    /** A parameter in (lo, hi) (logit-transformed in calibration). */
    protected static Parameter between(String name, double initial, double lo, double hi) {
        return new Parameter(name, initial, lo, hi, new Position(0, 0));
    }

    protected static Parameter free(String name, double initial) {
        return Parameter.free(name, initial);
    }

    /** Names {@code prefix1 … prefixN}. */
    protected static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public List<String> stateNames() {
        return states;
    }

    @Override
    public List<String> outputNames() {
        return outputs;
    }

    @Override
    public double t0() {
        return t0;
    }

    /** Index of a parameter by name (for readable equations). */
    protected int param(String p) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(p)) {
                return i;
            }
        }
        throw new LeibnizException("model " + name + " has no parameter '" + p + "'");
    }

    /** A copy of the parameters with other initial guesses (same bounds). */
    protected static List<Parameter> withInitial(List<Parameter> ps, double[] values) {
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            out.add(new Parameter(p.name(), values[i], p.lower(), p.upper(), p.position()));
        }
        return out;
    }
}
