package dev.leibniz.ode;

import static dev.leibniz.ode.ProblemGraphs.checkNames;
import static dev.leibniz.ode.ProblemGraphs.copyNames;
import static dev.leibniz.ode.ProblemGraphs.indexOf;
import static dev.leibniz.ode.ProblemGraphs.normalizeInitial;
import static dev.leibniz.ode.ProblemGraphs.normalizeOutputs;
import static dev.leibniz.ode.ProblemGraphs.requireGraph;
import static dev.leibniz.ode.ProblemGraphs.traceInitial;
import static dev.leibniz.ode.ProblemGraphs.traceRhs;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Var;
import dev.leibniz.ode.internal.RhsCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An initial value problem with parameters,
 * <pre>  y'(t) = f(t, y, p),   y(t₀) = y₀(p),</pre>
 * where {@code f} is an ad-core {@link Graph}: its Jacobians, JVPs and VJPs all come from the
 * graph, compiled once per solve. The initial state is either fixed numbers or itself a graph of
 * the parameters (so that initial populations, concentrations, … can be fitted).
 *
 * <p>The graph of {@code f} has inputs named {@code t}, the state names and the parameter names
 * (each optional: an autonomous system need not read {@code t}; order does not matter, names
 * do), and one output per state: named after the states (in any order) or, when the names are
 * something else, taken in state order. Build one from Java code with {@link #builder()}:
 * <pre>{@code
 * OdeProblem lv = OdeProblem.builder()
 *     .states("hare", "lynx")
 *     .parameters("alpha", "beta", "gamma", "delta")
 *     .rhs((t, y, p) -> new Var[] {
 *         y[0].mul(p[0]).sub(p[1].mul(y[0]).mul(y[1])),
 *         p[3].mul(y[0]).mul(y[1]).sub(p[2].mul(y[1]))})
 *     .initial(33, 6.2)
 *     .build();
 * }</pre>
 * A problem is immutable and can be solved from several threads at once.
 */
public final class OdeProblem {
    /** The right-hand side written as Java code over graph variables; traced once. */
    @FunctionalInterface
    public interface RightHandSide {
        /** Returns y'(t) given symbolic {@code t}, states {@code y} and parameters {@code p}. */
        Var[] apply(Var t, Var[] y, Var[] p);
    }

    /** The initial state as Java code over the parameters; traced once. */
    @FunctionalInterface
    public interface InitialState {
        Var[] apply(Var[] p);
    }

    /** Name of the time input of the right-hand-side graph. */
    public static final String TIME = "t";

    private final String[] states;
    private final String[] parameters;
    private final double t0;
    private final Graph rhs;
    private final int[] rhsInputSource;
    private final double[] fixedInitial;
    private final Graph initialGraph;
    private final int[] initialInputParam;
    /** The right-hand side prepared once for every solve of this problem (compiled once hot). */
    private final RhsCode rhsCode;

    private OdeProblem(String[] states, String[] parameters, double t0, Graph rhs, double[] fixedInitial,
                       Graph initialGraph) {
        this.states = states;
        this.parameters = parameters;
        this.t0 = t0;
        if (states.length == 0) {
            throw new OdeException("an ODE problem needs at least one state");
        }
        checkNames(states, parameters);
        if (!Double.isFinite(t0)) {
            throw new OdeException("the start time t0 must be finite, got " + t0);
        }
        this.rhs = normalizeOutputs(rhs, states);
        this.rhsCode = new RhsCode(this.rhs);
        this.rhsInputSource = new int[rhs.inputCount()];
        for (int j = 0; j < rhs.inputCount(); j++) {
            String name = rhs.inputName(j);
            int s = TIME.equals(name) ? -1 : indexOf(states, name);
            if (s < 0 && !TIME.equals(name)) {
                int q = indexOf(parameters, name);
                if (q < 0) {
                    throw new OdeException("the right-hand-side graph reads input '" + name
                            + "', which is neither 't', a state " + Arrays.toString(states) + " nor a parameter "
                            + Arrays.toString(parameters));
                }
                s = states.length + q;
            }
            rhsInputSource[j] = s;
        }
        if ((fixedInitial == null) == (initialGraph == null)) {
            throw new OdeException("give the initial state either as numbers or as a graph of the parameters");
        }
        this.fixedInitial = fixedInitial == null ? null : fixedInitial.clone();
        if (fixedInitial != null) {
            if (fixedInitial.length != states.length) {
                throw new OdeException("the initial state has " + fixedInitial.length + " values but the problem has "
                        + states.length + " states " + Arrays.toString(states));
            }
            for (int i = 0; i < fixedInitial.length; i++) {
                if (!Double.isFinite(fixedInitial[i])) {
                    throw new OdeException("the initial value of state '" + states[i] + "' is " + fixedInitial[i]);
                }
            }
            this.initialGraph = null;
            this.initialInputParam = null;
        } else {
            this.initialGraph = normalizeInitial(initialGraph, states);
            this.initialInputParam = new int[initialGraph.inputCount()];
            for (int j = 0; j < initialGraph.inputCount(); j++) {
                int q = indexOf(parameters, initialGraph.inputName(j));
                if (q < 0) {
                    throw new OdeException("the initial-state graph reads input '" + initialGraph.inputName(j)
                            + "', which is not a parameter " + Arrays.toString(parameters));
                }
                initialInputParam[j] = q;
            }
        }
    }

    /** A problem from a right-hand-side graph and fixed initial values. */
    public static OdeProblem of(Graph rhs, String[] states, String[] parameters, double t0, double... y0) {
        requireGraph(rhs, "right-hand side");
        return new OdeProblem(copyNames(states, "state"), copyNames(parameters, "parameter"), t0, rhs,
                y0 == null ? new double[0] : y0, null);
    }

    /** A problem whose initial state is a graph of the parameters (inputs: parameter names; one output per state). */
    public static OdeProblem of(Graph rhs, String[] states, String[] parameters, double t0, Graph initial) {
        requireGraph(rhs, "right-hand side");
        requireGraph(initial, "initial state");
        return new OdeProblem(copyNames(states, "state"), copyNames(parameters, "parameter"), t0, rhs, null, initial);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of states n. */
    public int stateCount() {
        return states.length;
    }

    /** Number of parameters p. */
    public int parameterCount() {
        return parameters.length;
    }

    public List<String> stateNames() {
        return List.of(states);
    }

    public List<String> parameterNames() {
        return List.of(parameters);
    }

    public String stateName(int i) {
        return states[i];
    }

    public String parameterName(int j) {
        return parameters[j];
    }

    public double startTime() {
        return t0;
    }

    /** The right-hand-side graph, outputs in state order. */
    public Graph rhs() {
        return rhs;
    }

    /** The initial-state graph, or {@code null} when the initial state is fixed numbers. */
    public Graph initialGraph() {
        return initialGraph;
    }

    /** True when y₀ depends on the parameters. */
    public boolean initialDependsOnParameters() {
        return initialGraph != null;
    }

    /** The right-hand side as the solvers run it, shared by this problem's solves. */
    RhsCode rhsCode() {
        return rhsCode;
    }

    /** Per input of {@link #rhs()}: −1 for {@code t}, {@code i} for state i, {@code n + j} for parameter j. */
    int[] rhsInputSource() {
        return rhsInputSource;
    }

    /** Per input of {@link #initialGraph()}: the parameter index. */
    int[] initialInputParameter() {
        return initialInputParam;
    }

    /** The fixed initial state, or {@code null}. */
    double[] fixedInitial() {
        return fixedInitial;
    }

    /** y₀ at the given parameters. */
    public double[] initialState(double[] params) {
        checkParameters(params);
        if (fixedInitial != null) {
            return fixedInitial.clone();
        }
        double[] in = new double[initialInputParam.length];
        for (int j = 0; j < in.length; j++) {
            in[j] = params[initialInputParam[j]];
        }
        double[] y0 = initialGraph.evaluate(in);
        for (int i = 0; i < y0.length; i++) {
            if (!Double.isFinite(y0[i])) {
                throw new OdeException("the initial value of state '" + states[i] + "' is " + y0[i]
                        + " at parameters " + Arrays.toString(params), OdeException.Reason.NON_FINITE_STATE, t0, 0.0,
                        states[i]);
            }
        }
        return y0;
    }

    /** Checks a parameter vector: one finite value per parameter. */
    public void checkParameters(double[] params) {
        if (params == null || params.length != parameters.length) {
            throw new OdeException("the problem has " + parameters.length + " parameter" + (parameters.length == 1 ? "" : "s")
                    + " " + Arrays.toString(parameters) + ", got " + (params == null ? "null"
                    : params.length + (params.length == 1 ? " value" : " values")));
        }
        for (int j = 0; j < params.length; j++) {
            if (!Double.isFinite(params[j])) {
                throw new OdeException("parameter '" + parameters[j] + "' is " + params[j]);
            }
        }
    }

    @Override
    public String toString() {
        return "OdeProblem(states " + Arrays.toString(states) + ", parameters " + Arrays.toString(parameters)
                + ", t0 = " + t0 + ")";
    }

    // ---------------------------------------------------------------------------------------------

    /** Builds a problem by tracing Java code; see the class documentation. */
    public static final class Builder {
        private String[] states;
        private String[] parameters = new String[0];
        private double t0;
        private RightHandSide rhsCode;
        private Graph rhsGraph;
        private double[] fixedInitial;
        private InitialState initialCode;
        private Graph initialGraph;
        private Map<String, String> rhsExpressions;
        private Map<String, String> initialExpressions;

        private Builder() {
        }

        public Builder states(String... names) {
            this.states = copyNames(names, "state");
            return this;
        }

        public Builder parameters(String... names) {
            this.parameters = copyNames(names, "parameter");
            return this;
        }

        public Builder startTime(double t0) {
            this.t0 = t0;
            return this;
        }

        /** f as Java code over graph variables (traced once, at {@link #build()}). */
        public Builder rhs(RightHandSide f) {
            this.rhsCode = f;
            this.rhsGraph = null;
            this.rhsExpressions = null;
            return this;
        }

        /** f as a graph; see {@link OdeProblem} for its inputs and outputs. */
        public Builder rhs(Graph f) {
            this.rhsGraph = f;
            this.rhsCode = null;
            this.rhsExpressions = null;
            return this;
        }

        /** Fixed initial values, one per state. */
        public Builder initial(double... y0) {
            this.fixedInitial = y0 == null ? null : y0.clone();
            this.initialCode = null;
            this.initialGraph = null;
            this.initialExpressions = null;
            return this;
        }

        /** y₀ as Java code over the parameters (traced once). */
        public Builder initial(InitialState y0) {
            this.initialCode = y0;
            this.fixedInitial = null;
            this.initialGraph = null;
            this.initialExpressions = null;
            return this;
        }

        /** y₀ as a graph whose inputs are parameter names and whose outputs are one per state. */
        public Builder initial(Graph y0) {
            this.initialGraph = y0;
            this.fixedInitial = null;
            this.initialCode = null;
            this.initialExpressions = null;
            return this;
        }

        public OdeProblem build() {
            if (states == null || states.length == 0) {
                throw new OdeException("an ODE problem needs at least one state: call states(...)");
            }
            checkNames(states, parameters);
            if (rhsExpressions != null) {
                rhsCode = ExpressionProblem.rhs(states, parameters, rhsExpressions);
            }
            if (initialExpressions != null) {
                fixedInitial = ExpressionProblem.constantInitial(states, initialExpressions);
                initialCode = fixedInitial != null ? null : ExpressionProblem.initial(states, parameters, initialExpressions);
            }
            Graph f = rhsGraph != null ? rhsGraph : rhsCode != null ? traceRhs(rhsCode, states, parameters) : null;
            if (f == null) {
                throw new OdeException("an ODE problem needs a right-hand side: call rhs(...)");
            }
            Graph g0 = initialGraph != null ? initialGraph
                    : initialCode != null ? traceInitial(initialCode, states, parameters) : null;
            if (fixedInitial == null && g0 == null) {
                throw new OdeException("an ODE problem needs an initial state: call initial(...)");
            }
            return new OdeProblem(states, parameters, t0, f, fixedInitial, g0);
        }

        /**
         * f as expression strings, one per state: {@code "hare" -> "alpha*hare - beta*hare*lynx"}.
         * An expression may use {@code t}, the states, the parameters, numbers, {@code + - * / ^},
         * comparisons and every primitive by name ({@code exp}, {@code sin}, {@code max}, {@code select},
         * …; see ad-core's {@code Expressions}). Parsed and traced at {@link #build()}.
         */
        public Builder rhs(Map<String, String> derivatives) {
            if (derivatives == null) {
                throw new OdeException("the derivative expressions are null");
            }
            this.rhsExpressions = new LinkedHashMap<>(derivatives);
            this.rhsCode = null;
            this.rhsGraph = null;
            return this;
        }

        /**
         * y₀ as expression strings over the parameters, one per state ({@code "hare" -> "33"} or
         * {@code "hare" -> "h0"}). When none uses a parameter, y₀ is fixed numbers.
         */
        public Builder initial(Map<String, String> y0) {
            if (y0 == null) {
                throw new OdeException("the initial-value expressions are null");
            }
            this.initialExpressions = new LinkedHashMap<>(y0);
            this.fixedInitial = null;
            this.initialCode = null;
            this.initialGraph = null;
            return this;
        }
    }

    /**
     * A problem written as expression strings, t₀ = 0:
     * <pre>{@code
     * OdeProblem lv = OdeProblem.fromExpressions(
     *     List.of("hare", "lynx"), List.of("alpha", "beta", "gamma", "delta"),
     *     Map.of("hare", "alpha*hare - beta*hare*lynx",
     *            "lynx", "delta*hare*lynx - gamma*lynx"),
     *     Map.of("hare", "33", "lynx", "6.2"));
     * }</pre>
     * The traced graph is the one the same formulas written with {@link #builder()} give, so the
     * solutions agree bit for bit. Errors are {@link OdeException}s naming the state and, for a
     * syntax error, the column.
     *
     * @param derivatives per state, dy/dt over {@code t}, the states and the parameters
     * @param initial     per state, y₀ over the parameters (numbers for a fixed initial state)
     */
    public static OdeProblem fromExpressions(List<String> states, List<String> parameters,
                                             Map<String, String> derivatives, Map<String, String> initial) {
        return builder().states(names(states, "state")).parameters(names(parameters, "parameter")).rhs(derivatives)
                .initial(initial).build();
    }

    /** As {@link #fromExpressions(List, List, Map, Map)} with fixed initial values, one per state. */
    public static OdeProblem fromExpressions(List<String> states, List<String> parameters,
                                             Map<String, String> derivatives, double... y0) {
        return builder().states(names(states, "state")).parameters(names(parameters, "parameter")).rhs(derivatives)
                .initial(y0).build();
    }

    private static String[] names(List<String> names, String what) {
        if (names == null) {
            throw new OdeException("the " + what + " names are null");
        }
        return names.toArray(new String[0]);
    }
}
