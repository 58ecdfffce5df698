package dev.leibniz.models.spec;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import dev.leibniz.core.expr.Expressions;
import dev.leibniz.core.expr.Syntax;
import dev.leibniz.models.data.DataReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and checked model: an initial-value problem
 *
 * <pre>
 *   y'(t) = f(t, y, p),   y(t₀) = y₀(p),   observables z(t) = g(t, y, p)
 * </pre>
 *
 * with states {@code y}, tunable parameters {@code p} and fixed consts folded into the
 * expressions. Everything is checked when the spec is made (see {@link ModelParser}), so the
 * methods below cannot meet an unknown name or a cycle.
 *
 * <p>The equations are turned into graph operations on demand: {@link #derivatives},
 * {@link #initialValues} and {@link #outputs} emit into any {@link GraphBuilder}, tracing or
 * recording, and {@link #rhsGraph()}, {@link #initialGraph()}, {@link #outputGraph()} build the
 * corresponding static graphs with inputs in the order {@code t, states…, params…}.
 * {@link #problem()} gives the ad-ode {@link dev.leibniz.ode.OdeProblem}.
 *
 * <p>A spec without states is <em>algebraic</em> ({@link #isAlgebraic()}): observables
 * {@code z = g(x, p)} of its {@link #inputs()} x, one data row at a time, with no ODE; its
 * graph is {@link #algebraicGraph()}, and {@link #problem()} does not apply.
 */
public final class ModelSpec implements dev.leibniz.models.OdeModel {
    private final String fileName;
    private final double t0;
    private final List<Definition> consts;
    private final List<Parameter> params;
    private final List<Definition> states;
    private final List<Definition> derivatives;
    private final List<Definition> outputs;
    private final List<Input> inputs;
    private final String timeColumn;
    private SolveSettings solve = SolveSettings.NONE;
    private List<EventSpec> events = List.of();
    private List<InputFunction> functions = List.of();

    /**
     * @param consts      fixed values, free of cycles (compiled on first use, so in any order)
     * @param derivatives one per state, in the states' order
     * @param outputs     observables, free of cycles, in declaration order
     * @param inputs      predictors of an algebraic model (empty for an ODE model)
     * @param timeColumn  the data's time column named by a {@code time} line, or null
     */
    ModelSpec(String fileName, double t0, List<Definition> consts, List<Parameter> params, List<Definition> states,
              List<Definition> derivatives, List<Definition> outputs, List<Input> inputs, String timeColumn) {
        this.fileName = fileName;
        this.t0 = t0;
        this.consts = List.copyOf(consts);
        this.params = List.copyOf(params);
        this.states = List.copyOf(states);
        this.derivatives = List.copyOf(derivatives);
        this.outputs = List.copyOf(outputs);
        this.inputs = List.copyOf(inputs);
        this.timeColumn = timeColumn;
    }

    /** Whether the model has no states: its outputs are functions of its inputs (see {@link #algebraicGraph()}). */
    public boolean isAlgebraic() {
        return states.isEmpty();
    }

    /** The predictors of an algebraic model, in declaration order (empty for an ODE model). */
    public List<Input> inputs() {
        return inputs;
    }

    public List<String> inputNames() {
        return inputs.stream().map(Input::name).toList();
    }

    /** The data column a {@code time} line names as the time, or null (then t, time or year). */
    public String timeColumn() {
        return timeColumn;
    }

    /**
     * A reader for this model's data, the one place the rule is written: an ODE model's data have
     * a time column (the one the {@code time} line names, else t, time or year) and columns named
     * after states or outputs; an algebraic model's data have no time, only its inputs and
     * outputs. Callers may add a delimiter or a row limit.
     */
    public DataReader dataReader() {
        if (isAlgebraic()) {
            List<String> known = new ArrayList<>(inputNames());
            known.addAll(outputNames());
            return new DataReader().withoutTime().knownColumns(known);
        }
        return new DataReader().timeColumn(timeColumn).knownColumns(observableNames());
    }

    /** The file the spec was read from (as given to the parser). */
    public String fileName() {
        return fileName;
    }

    /** The file name, as the model's name. */
    @Override
    public String name() {
        return fileName;
    }

    /** Time at which the initial values hold (default 0). */
    @Override
    public double t0() {
        return t0;
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    public int parameterCount() {
        return params.size();
    }

    public int stateCount() {
        return states.size();
    }

    public int outputCount() {
        return outputs.size();
    }

    @Override
    public List<String> parameterNames() {
        return params.stream().map(Parameter::name).toList();
    }

    @Override
    public List<String> stateNames() {
        return states.stream().map(Definition::name).toList();
    }

    @Override
    public List<String> outputNames() {
        return outputs.stream().map(Definition::name).toList();
    }

    public List<String> constNames() {
        return consts.stream().map(Definition::name).toList();
    }

    /** Initial guesses of the parameters, in declaration order. */
    @Override
    public double[] initialParameterValues() {
        return params.stream().mapToDouble(Parameter::initial).toArray();
    }

    /** The initial-value expressions of the states, in state order. */
    public List<Definition> states() {
        return states;
    }

    /** The derivative expressions, one per state, in state order. */
    public List<Definition> derivativeDefinitions() {
        return derivatives;
    }

    public List<Definition> outputDefinitions() {
        return outputs;
    }

    public List<Definition> constDefinitions() {
        return consts;
    }

    /** f(t, y, p): one derivative per state, emitted into {@code b}. */
    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Scope s = scope(b, t, y, p);
        Var[] out = new Var[derivatives.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.compile(derivatives.get(i).expr());
        }
        return out;
    }

    /** y₀(p): one initial value per state. */
    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        Scope s = scope(b, null, null, p);
        Var[] out = new Var[states.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.compile(states.get(i).expr());
        }
        return out;
    }

    /** g(t, y, p): one value per output. */
    @Override
    public Var[] outputs(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Scope s = scope(b, t, y, p);
        Var[] out = new Var[outputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.lookup(outputs.get(i).name());
        }
        return out;
    }

    /**
     * g(x, p) of an algebraic model as a static graph with inputs {@code inputs…, params…} and one
     * output per {@code output} line; its reverse sweep gives each row's exact Jacobian row.
     */
    public Graph algebraicGraph() {
        if (!isAlgebraic()) {
            throw new GraphException("model " + fileName + " has states; its outputs depend on t and the states");
        }
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, inputNames());
        Var[] p = inputs(b, parameterNames());
        Scope s = scope(b, null, new Var[0], p);
        for (int i = 0; i < x.length; i++) {
            s.bound.put(inputs.get(i).name(), x[i]);
        }
        Var[] out = new Var[outputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.lookup(outputs.get(i).name());
        }
        return build(b, "", "", outputNames(), out);
    }

    /** Static graph of f with inputs {@code t, states…, params…} and outputs {@code der(x)…}. */
    public Graph rhsGraph() {
        GraphBuilder b = GraphBuilder.tracing();
        Var t = b.input("t");
        Var[] y = inputs(b, stateNames());
        Var[] p = inputs(b, parameterNames());
        return build(b, "der(", ")", stateNames(), derivatives(b, t, y, p));
    }

    /** Static graph of y₀ with inputs {@code params…} and one output per state. */
    public Graph initialGraph() {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] p = inputs(b, parameterNames());
        return build(b, "", "", stateNames(), initialValues(b, p));
    }

    private static Var[] inputs(GraphBuilder b, List<String> names) {
        Var[] v = new Var[names.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.input(names.get(i));
        }
        return v;
    }

    private static Graph build(GraphBuilder b, String prefix, String suffix, List<String> names, Var[] vars) {
        Map<String, Var> m = new LinkedHashMap<>();
        for (int i = 0; i < vars.length; i++) {
            m.put(prefix + names.get(i) + suffix, vars[i]);
        }
        return b.build(m);
    }

    private Scope scope(GraphBuilder b, Var t, Var[] y, Var[] p) {
        if (p.length != params.size()) {
            throw new GraphException("model " + fileName + " has " + params.size() + " parameters "
                    + parameterNames() + ", got " + p.length + " values");
        }
        if (y != null && y.length != states.size()) {
            throw new GraphException("model " + fileName + " has " + states.size() + " states " + stateNames()
                    + ", got " + y.length + " values");
        }
        Map<String, Var> bound = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            bound.put(params.get(i).name(), p[i]);
        }
        if (y != null) {
            for (int i = 0; i < y.length; i++) {
                bound.put(states.get(i).name(), y[i]);
            }
        }
        if (t != null) {
            bound.put("t", t);
        }
        Map<String, Syntax> lazy = new LinkedHashMap<>();
        for (Definition c : consts) {
            lazy.put(c.name(), c.expr());
        }
        if (y != null) {
            for (Definition o : outputs) {
                lazy.put(o.name(), o.expr());
            }
        }
        if (t != null) {
            for (InputFunction f : functions) {
                lazy.put(f.name(), f.asSelect());
            }
        }
        return new Scope(b, bound, lazy);
    }

    /**
     * Names bound to variables, and consts/outputs compiled once on first use (shared
     * subexpressions). Expressions are lowered by ad-core ({@link Expressions#lower}), the same
     * lowering as {@code leibniz grad}'s: a name this scope does not bind ({@code pi}, {@code e},
     * {@code inf}) is the grammar's constant.
     */
    private static final class Scope {
        private final GraphBuilder b;
        private final Map<String, Var> bound;
        private final Map<String, Syntax> lazy;

        Scope(GraphBuilder b, Map<String, Var> bound, Map<String, Syntax> lazy) {
            this.b = b;
            this.bound = bound;
            this.lazy = lazy;
        }

        Var lookup(String name) {
            Var v = find(name);
            if (v == null) {
                throw new GraphException("name '" + name + "' is not available here");
            }
            return v;
        }

        /** The variable of {@code name}, compiling a const or output on first use; null if the scope has none. */
        private Var find(String name) {
            Var v = bound.get(name);
            if (v != null) {
                return v;
            }
            Syntax e = lazy.get(name);
            if (e != null) {
                v = compile(e);
                bound.put(name, v);
            }
            return v;
        }

        Var compile(Syntax e) {
            return Expressions.lower(e, b, this::find);
        }
    }

    /** A copy with other initial guesses for the parameters (same bounds). */
    public ModelSpec withInitialParameters(double[] values) {
        if (values.length != params.size()) {
            throw new GraphException("model " + fileName + " has " + params.size() + " parameters, got "
                    + values.length + " values");
        }
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Parameter q = params.get(i);
            ps.add(new Parameter(q.name(), values[i], q.lower(), q.upper(), q.position()));
        }
        return new ModelSpec(fileName, t0, consts, ps, states, derivatives, outputs, inputs, timeColumn).withSolve(solve)
                .withEvents(events, functions);
    }

    /** The file's events ({@code when} and {@code at} lines), in file order. */
    public List<EventSpec> events() {
        return events;
    }

    /** The file's piecewise input functions of time ({@code input NAME(t) = …}). */
    public List<InputFunction> inputFunctions() {
        return functions;
    }

    /** Whether solving needs {@link #hybridProblem()}: the file has events or input functions. */
    public boolean isHybrid() {
        return !events.isEmpty() || !functions.isEmpty();
    }

    /** Sets the events and input functions of a spec being built (as {@link #withSolve}). */
    ModelSpec withEvents(List<EventSpec> e, List<InputFunction> f) {
        this.events = List.copyOf(e);
        this.functions = List.copyOf(f);
        return this;
    }

    /** The ad-ode problem with the file's events and input functions: see {@link ModelEvents}. */
    public dev.leibniz.ode.HybridProblem hybridProblem() {
        return ModelEvents.hybridProblem(this);
    }

    /**
     * f(t, y, p) with each input function replaced by one of its pieces ({@code pieces[i]} for
     * {@link #inputFunctions()} i): the right-hand side on an interval between switch times.
     */
    Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p, int[] pieces) {
        Scope s = scope(b, t, y, p);
        for (int i = 0; i < functions.size(); i++) {
            s.lazy.put(functions.get(i).name(), functions.get(i).pieces().get(pieces[i]));
        }
        Var[] out = new Var[derivatives.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.compile(derivatives.get(i).expr());
        }
        return out;
    }

    /** One expression of t, y and p lowered into {@code b} (a condition or a reset). */
    Var lower(GraphBuilder b, Var t, Var[] y, Var[] p, dev.leibniz.core.expr.Syntax e) {
        return scope(b, t, y, p).compile(e);
    }

    /** The file's {@code solve} line ({@link SolveSettings#NONE} when it has none). */
    public SolveSettings solve() {
        return solve;
    }

    /**
     * Sets the solve settings of a spec that is being built: the parser's last step, and the copy's
     * (the one field set after construction, so that the constructor's signature stays that of the
     * equations).
     */
    ModelSpec withSolve(SolveSettings s) {
        this.solve = s;
        return this;
    }
}
