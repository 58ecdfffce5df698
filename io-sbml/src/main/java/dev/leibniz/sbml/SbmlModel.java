package dev.leibniz.sbml;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.ode.OdeProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sbml.jsbml.ASTNode;

/**
 * An SBML model as the pieces of a Leibniz {@link OdeProblem}: states, parameters with their
 * values in the file, and the math (kinetic laws, rules, initial values) that becomes the
 * right-hand-side and initial-state graphs when {@link #odeProblem()} traces it. Read one with
 * {@link SbmlReader#read(Path)}.
 *
 * <p><b>States.</b> Each species that reactions or a rate rule change, in the unit its symbol
 * denotes in the math: its concentration (amount / compartment size) unless it has only
 * substance units, then its amount. Reactions change amounts, so for a concentration state
 * <pre>  d[S]/dt = Σ_r ν_{S,r} · v_r / V_S,</pre>
 * where v_r is the kinetic law (substance per time) and V_S the size of S's compartment; for an
 * amount state the division is left out. Parameters, compartments and species targeted by a rate
 * rule are states too, with the rule as their derivative.
 *
 * <p><b>Parameters.</b> Global parameters, compartment sizes, constant species and each
 * kinetic law's local parameters (named {@code reactionId.localId}, which cannot clash with an
 * SBML id) that no rule or initial assignment defines. Gradients with respect to all of them
 * come from the graphs.
 *
 * <p><b>Derived values.</b> Assignment-rule targets are expressions substituted wherever they
 * are used (at every time); initial assignments define initial values and constant quantities.
 */
public final class SbmlModel {
    /** One reaction: its rate law, its local parameters and what it does to each state. */
    record Reaction(String id, ASTNode law, Map<String, String> locals, Map<Integer, Double> stoichiometry) {
    }

    /**
     * An initial value written in the file, y₀ = value · V^volumePower: −1 for an initial amount of
     * a concentration state, +1 for an initial concentration of an amount state, else 0.
     */
    record InitialNumber(double value, String compartment, int volumePower) {
    }

    private final Path source;
    private final String id;
    private final List<String> states;
    private final List<String> parameters;
    private final double[] values;
    private final Map<String, String> stateCompartment;
    private final Map<String, ASTNode> assignmentRules;
    private final Map<String, ASTNode> rateRules;
    private final Map<String, ASTNode> initialAssignments;
    private final Map<String, ASTNode> functions;
    private final Map<String, InitialNumber> initialNumbers;
    private final List<Reaction> reactions;

    SbmlModel(Path source, String id, List<String> states, List<String> parameters, double[] values,
              Map<String, String> stateCompartment, Map<String, ASTNode> assignmentRules,
              Map<String, ASTNode> rateRules, Map<String, ASTNode> initialAssignments, Map<String, ASTNode> functions,
              Map<String, InitialNumber> initialNumbers, List<Reaction> reactions) {
        this.source = source;
        this.id = id;
        this.states = List.copyOf(states);
        this.parameters = List.copyOf(parameters);
        this.values = values.clone();
        this.stateCompartment = stateCompartment;
        this.assignmentRules = assignmentRules;
        this.rateRules = rateRules;
        this.initialAssignments = initialAssignments;
        this.functions = functions;
        this.initialNumbers = initialNumbers;
        this.reactions = List.copyOf(reactions);
    }

    /** The file the model was read from (named in every error). */
    public Path source() {
        return source;
    }

    /** The model's id. */
    public String id() {
        return id;
    }

    /** The state ids, in the order of the ODE problem's states. */
    public List<String> stateIds() {
        return states;
    }

    /** The parameter ids, in the order of the ODE problem's parameters. */
    public List<String> parameterIds() {
        return parameters;
    }

    /** The parameter values written in the file, in {@link #parameterIds()} order. */
    public double[] parameterValues() {
        return values.clone();
    }

    /** True when {@code id} is an assignment-rule target (an expression of states and parameters). */
    public boolean isAssigned(String symbol) {
        return assignmentRules.containsKey(symbol);
    }

    /**
     * The stoichiometry in the states' units, S (n × m) with dy/dt = S·v: column r holds ν_{i,r} / V_i
     * for reaction r (ν_{i,r} alone for an amount state), then one unit column per state a rate rule
     * drives (such a state takes part in no conservation law). Compartment sizes come from
     * {@code parameterValues} (in {@link #parameterIds()} order; extra entries are ignored).
     *
     * @throws SbmlException when a species' compartment size is not a parameter (a rule or an
     *                       initial assignment sets it), naming the compartment
     */
    public double[][] stoichiometry(double[] parameterValues) {
        int n = states.size();
        List<double[]> columns = new ArrayList<>();
        for (Reaction r : reactions) {
            double[] col = new double[n];
            for (Map.Entry<Integer, Double> e : r.stoichiometry().entrySet()) {
                int i = e.getKey();
                String c = stateCompartment.get(states.get(i));
                double v = 1;
                if (c != null) {
                    int j = parameters.indexOf(c);
                    if (j < 0) {
                        throw new SbmlException(source + ": the size of compartment '" + c + "' (of species '"
                                + states.get(i) + "') is not a constant parameter, so its conservation laws are unknown");
                    }
                    v = parameterValues[j];
                }
                col[i] += e.getValue() / v;
            }
            columns.add(col);
        }
        for (int i = 0; i < n; i++) {
            if (rateRules.containsKey(states.get(i))) {
                double[] col = new double[n];
                col[i] = 1;
                columns.add(col);
            }
        }
        double[][] out = new double[n][columns.size()];
        for (int r = 0; r < columns.size(); r++) {
            for (int i = 0; i < n; i++) {
                out[i][r] = columns.get(r)[i];
            }
        }
        return out;
    }

    Map<String, ASTNode> functions() {
        return functions;
    }

    /** The ODE problem with the initial values of the file. */
    public OdeProblem odeProblem() {
        return odeProblem(Map.of(), List.of());
    }

    /**
     * The ODE problem with some initial values replaced, as a PEtab condition does.
     *
     * @param initialOverrides per state id, the initial value: a number, or the name of a model
     *                         parameter or of one of {@code extraParameters}
     * @param extraParameters  parameters appended after the model's (they only set initial values)
     */
    public OdeProblem odeProblem(Map<String, String> initialOverrides, List<String> extraParameters) {
        for (String s : initialOverrides.keySet()) {
            if (!states.contains(s)) {
                throw new SbmlException(source + ": '" + s + "' is not a state of the model " + states);
            }
        }
        List<String> all = new ArrayList<>(parameters);
        all.addAll(extraParameters);
        String[] st = states.toArray(new String[0]);
        String[] ps = all.toArray(new String[0]);
        OdeProblem.Builder builder = OdeProblem.builder().states(st).parameters(ps).rhs(this::rhs);
        if (ps.length == 0) {
            GraphBuilder b = GraphBuilder.tracing();
            Var[] y0 = initial(b, new Var[0], initialOverrides, all);
            double[] numbers = new double[y0.length];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = y0[i].value();
            }
            return builder.initial(numbers).build();
        }
        return builder.initial(p -> initial(p[0].graph(), p, initialOverrides, all)).build();
    }

    /**
     * The value of every model id at time {@code t} given the states and the model's parameters
     * (in {@link #parameterIds()} order) as graph variables: states and parameters themselves,
     * assignment-rule targets as their expressions. Returns null for an id the model does not
     * define. Used to trace observables over the model.
     */
    public Function<String, Var> symbols(Var t, Var[] y, Var[] p) {
        Map<String, Var> known = new HashMap<>();
        for (int i = 0; i < y.length; i++) {
            known.put(states.get(i), y[i]);
        }
        for (int j = 0; j < parameters.size(); j++) {
            known.put(parameters.get(j), p[j]);
        }
        // initial assignments of constants (not states) hold at every time
        Map<String, ASTNode> rules = new LinkedHashMap<>(initialAssignments);
        rules.keySet().removeAll(states);
        rules.putAll(assignmentRules);
        return new Symbols(this, t.graph(), t, known, rules, null);
    }

    /**
     * Traces SBML math written outside the model (a PEtab observable) with the model's function
     * definitions; {@code element} names it in errors.
     */
    public Var translate(ASTNode math, String element, Var t, Function<String, Var> names) {
        return new MathTranslator(t.graph(), t, functions, element).translate(math, names);
    }

    /** f(t, y, p): the reactions' and rate rules' contributions to each state's derivative. */
    private Var[] rhs(Var t, Var[] y, Var[] p) {
        GraphBuilder b = t.graph();
        Symbols sym = (Symbols) symbols(t, y, p);
        Map<String, Var> known = new HashMap<>();
        for (int j = 0; j < parameters.size(); j++) {
            known.put(parameters.get(j), p[j]);
        }
        Var[] dy = new Var[y.length];
        for (Reaction r : reactions) {
            Map<String, Var> locals = new HashMap<>();
            r.locals().forEach((local, global) -> locals.put(local, known.get(global)));
            Var v = sym.translate(r.law(), "the kinetic law of reaction '" + r.id() + "'", locals);
            for (Map.Entry<Integer, Double> e : r.stoichiometry().entrySet()) {
                int i = e.getKey();
                Var term = v.mul(e.getValue());
                String c = stateCompartment.get(states.get(i));
                if (c != null) {
                    term = term.div(sym.apply(c));
                }
                dy[i] = dy[i] == null ? term : dy[i].add(term);
            }
        }
        for (int i = 0; i < y.length; i++) {
            ASTNode rate = rateRules.get(states.get(i));
            if (rate != null) {
                dy[i] = sym.translate(rate, "the rate rule for '" + states.get(i) + "'");
            } else if (dy[i] == null) {
                dy[i] = b.constant(0);
            }
        }
        return dy;
    }

    /** y₀(p): overrides, then initial assignments, then the values in the file (converted to the state's unit). */
    private Var[] initial(GraphBuilder b, Var[] p, Map<String, String> overrides, List<String> all) {
        Map<String, Var> known = new HashMap<>();
        for (int j = 0; j < p.length; j++) {
            known.put(all.get(j), p[j]);
        }
        Map<String, ASTNode> rules = new LinkedHashMap<>(assignmentRules);
        rules.putAll(initialAssignments);
        Var t0 = b.constant(0);
        Symbols[] sym = new Symbols[1];
        sym[0] = new Symbols(this, b, t0, known, rules, s -> {
            InitialNumber n = initialNumbers.get(s);
            if (n == null) {
                return null;
            }
            Var v = b.constant(n.value());
            return switch (n.volumePower()) {
                case -1 -> v.div(sym[0].apply(n.compartment()));
                case 1 -> v.mul(sym[0].apply(n.compartment()));
                default -> v;
            };
        });
        Var[] y0 = new Var[states.size()];
        for (int i = 0; i < y0.length; i++) {
            String s = states.get(i);
            String o = overrides.get(s);
            if (o != null) {
                y0[i] = override(b, o, known, s);
                continue;
            }
            y0[i] = sym[0].apply(s);
            if (y0[i] == null) {
                throw new SbmlException(source + ": '" + s + "' has no initial value (no initial amount, concentration,"
                        + " size or value, and no initial assignment)");
            }
        }
        return y0;
    }

    private Var override(GraphBuilder b, String value, Map<String, Var> known, String state) {
        Var v = known.get(value);
        if (v != null) {
            return v;
        }
        try {
            return b.constant(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new SbmlException("the initial value of '" + state + "' is set to '" + value
                    + "', which is neither a number nor a parameter");
        }
    }
}
