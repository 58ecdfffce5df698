package dev.leibniz.sbml.petab;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.sbml.SbmlException;
import dev.leibniz.sbml.SbmlModel;
import dev.leibniz.sbml.petab.PetabProblem.Measurement;
import dev.leibniz.sbml.petab.PetabProblem.Observable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One simulation of a PEtab problem: a simulation condition (and optional pre-equilibration
 * condition) with its ODE problem, where each model parameter's value comes from, its output
 * times, and the graph of its measurements' log-likelihood
 * <pre>  ℓ(Y, p, θ) = Σ_m ℓ_m(measurement_m | h_m(y(t_m), p, θ), σ_m(y(t_m), p, θ)),</pre>
 * traced once over the states at the output times Y, the model parameters p and the parameter
 * table θ (on its scales). Its outputs are ℓ, χ², each measurement's simulated observable, then
 * each measurement's residual r and σ (for the Fisher information of a Levenberg–Marquardt fit);
 * its gradient gives ∂ℓ/∂Y (the loss partials the ODE layer chains with sensitivities), ∂ℓ/∂p
 * and ∂ℓ/∂θ directly.
 */
final class Simulation {
    final String conditionId;
    /** The model, for its stoichiometry (conservation laws at a steady state). */
    final SbmlModel model;
    final String preequilibrationId;
    final OdeProblem problem;
    /** The simulation condition's initial values (numbers only when there is pre-equilibration). */
    final Map<String, String> initialOverrides;
    final Source[] sources;
    final OdeProblem preProblem;
    final Source[] preSources;
    final double[] times;
    /** {@link #times} without a trailing inf: the times the ODE is solved at. */
    final double[] finiteTimes;
    /** Some measurement is at time = inf: Y's last row is the simulation condition's steady state. */
    final boolean steadyStateRow;
    final List<Integer> measurements;
    final Program llh;
    final int stateCount;
    final int modelParameterCount;

    Simulation(PetabProblem pp, Map<String, Integer> tableIndex, String conditionId, String preId,
               List<Integer> measurementIndices) {
        this.conditionId = conditionId;
        this.preequilibrationId = preId;
        this.measurements = List.copyOf(measurementIndices);
        SbmlModel model = pp.model();
        this.model = model;
        List<String> extra = new ArrayList<>();
        Map<String, String> initial = new LinkedHashMap<>();
        this.sources = sources(pp, tableIndex, pp.conditions().get(conditionId), extra, initial);
        this.problem = model.odeProblem(initial, extra);
        this.initialOverrides = Map.copyOf(initial);
        if (preId.isEmpty()) {
            this.preProblem = null;
            this.preSources = null;
        } else {
            List<String> preExtra = new ArrayList<>();
            Map<String, String> preInitial = new LinkedHashMap<>();
            this.preSources = sources(pp, tableIndex, pp.conditions().get(preId), preExtra, preInitial);
            this.preProblem = model.odeProblem(preInitial, preExtra);
            for (String s : initial.keySet()) {
                if (!isNumber(initial.get(s))) {
                    throw new SbmlException(pp.conditions().get(conditionId).where() + ": with pre-equilibration, the"
                            + " condition may set species '" + s + "' to a number only");
                }
            }
        }
        TreeSet<Double> t = new TreeSet<>();
        for (int m : measurements) {
            t.add(pp.measurements().get(m).time());
        }
        this.times = t.stream().mapToDouble(Double::doubleValue).toArray();
        this.steadyStateRow = times.length > 0 && times[times.length - 1] == Double.POSITIVE_INFINITY;
        this.finiteTimes = steadyStateRow ? java.util.Arrays.copyOf(times, times.length - 1) : times;
        this.stateCount = model.stateIds().size();
        this.modelParameterCount = model.parameterIds().size();
        this.llh = trace(pp, tableIndex).compile();
    }

    /**
     * Per ODE parameter, its source in this condition: the condition table's cell, else the
     * parameter table's row of the same id, else the model's value. Species cells become initial
     * overrides (a parameter-table id there becomes an extra ODE parameter).
     */
    private static Source[] sources(PetabProblem pp, Map<String, Integer> tableIndex, PetabProblem.Condition c,
                                    List<String> extra, Map<String, String> initial) {
        SbmlModel model = pp.model();
        List<String> ids = model.parameterIds();
        double[] values = model.parameterValues();
        for (String column : c.values().keySet()) {
            if (!ids.contains(column) && !model.stateIds().contains(column)) {
                throw new SbmlException(c.where() + ": condition '" + c.id() + "' sets '" + column
                        + "', which is neither a parameter, a compartment nor a species of the model");
            }
        }
        List<Source> out = new ArrayList<>();
        for (int j = 0; j < ids.size(); j++) {
            String id = ids.get(j);
            String cell = c.values().getOrDefault(id, "");
            if (!cell.isEmpty() && !cell.equalsIgnoreCase("nan")) {
                out.add(resolve(pp, tableIndex, cell, c.where() + " (column " + id + ")"));
            } else if (tableIndex.containsKey(id)) {
                int l = tableIndex.get(id);
                out.add(Source.parameter(l, pp.parameters().get(l).scale()));
            } else {
                out.add(Source.of(values[j]));
            }
        }
        for (String s : model.stateIds()) {
            String cell = c.values().getOrDefault(s, "");
            if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
                continue;
            }
            Source src = resolve(pp, tableIndex, cell, c.where() + " (column " + s + ")");
            if (!src.isParameter()) {
                initial.put(s, Double.toString(src.constant()));
            } else if (ids.contains(cell)) {
                initial.put(s, cell);
            } else {
                if (!extra.contains(cell)) {
                    extra.add(cell);
                    out.add(src);
                }
                initial.put(s, cell);
            }
        }
        return out.toArray(new Source[0]);
    }

    /** A table cell naming a value: a number or a parameter-table id. */
    static Source resolve(PetabProblem pp, Map<String, Integer> tableIndex, String cell, String where) {
        if (isNumber(cell)) {
            return Source.of(Double.parseDouble(cell));
        }
        Integer l = tableIndex.get(cell);
        if (l == null) {
            throw new SbmlException(where + ": '" + cell + "' is neither a number nor a parameter of the parameter table");
        }
        return Source.parameter(l, pp.parameters().get(l).scale());
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The log-likelihood graph; inputs Y (k-major), p, θ; outputs llh = Σ log L(mₖ | hₖ, σₖ),
     * chi2 = Σ rₖ², then per measurement the simulated observable h, the residual r and σ.
     */
    private Graph trace(PetabProblem pp, Map<String, Integer> tableIndex) {
        SbmlModel model = pp.model();
        GraphBuilder b = GraphBuilder.tracing();
        Var[][] y = stateInputs(b);
        Var[] p = modelParameterInputs(b);
        Var[] unscaled = tableParameterInputs(pp.parameters(), b);
        // the model's symbols at one output time, shared by all measurements at that time
        Map<Integer, Function<String, Var>> perTime = new HashMap<>();
        Var llhSum = b.constant(0);
        Var chi2 = b.constant(0);
        List<Var> simulated = new ArrayList<>();
        List<Var> residuals = new ArrayList<>();
        List<Var> sigmas = new ArrayList<>();
        for (int m : measurements) {
            Measurement me = pp.measurements().get(m);
            Observable o = pp.observables().get(me.observableId());
            int k = java.util.Arrays.binarySearch(times, me.time());
            Function<String, Var> modelSymbols = perTime.computeIfAbsent(k,
                    kk -> model.symbols(b.constant(times[kk]), y[kk], p));
            Map<String, Var> placeholders = placeholders(pp, tableIndex, me, o, unscaled, b);
            Var time = b.constant(me.time());
            Function<String, Var> names = symbols(placeholders, modelSymbols, tableIndex, unscaled, time);
            String where = me.where() + ": observable '" + o.id() + "' (" + o.where() + ")";
            Var h = model.translate(o.math(), where, time, names);
            Var sigma = model.translate(o.noise(), where + " noise formula", time, names);
            llhSum = llhSum.add(o.noiseModel().logLikelihood(me.value(), h, sigma));
            Var r = o.noiseModel().residual(me.value(), h, sigma);
            chi2 = chi2.add(r.square());
            simulated.add(h);
            residuals.add(r);
            sigmas.add(sigma);
        }
        return outputs(b, llhSum, chi2, simulated, residuals, sigmas);
    }

    /** The state inputs yk_i: one row of {@code stateCount} per output time, k-major. */
    private Var[][] stateInputs(GraphBuilder b) {
        Var[][] y = new Var[times.length][stateCount];
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < stateCount; i++) {
                y[k][i] = b.input("y" + k + "_" + i);
            }
        }
        return y;
    }

    /** The model parameter inputs pj, as the ODE solver sees them. */
    private Var[] modelParameterInputs(GraphBuilder b) {
        Var[] p = new Var[modelParameterCount];
        for (int j = 0; j < p.length; j++) {
            p[j] = b.input("p" + j);
        }
        return p;
    }

    /** The parameter-table inputs θl, on their scales, each mapped back to its linear value (e.g. 10^θ for log10). */
    private static Var[] tableParameterInputs(List<PetabProblem.Parameter> table, GraphBuilder b) {
        Var[] unscaled = new Var[table.size()];
        for (int l = 0; l < unscaled.length; l++) {
            unscaled[l] = table.get(l).scale().unscale(b.input("theta" + l));
        }
        return unscaled;
    }

    /**
     * How an observable or noise formula's identifiers resolve, first match wins: the row's
     * placeholders, the model's symbols at the measurement time, the parameter table, then t / time.
     * Null for an unknown identifier (the translator reports it with the formula's location).
     */
    private static Function<String, Var> symbols(Map<String, Var> placeholders, Function<String, Var> modelSymbols,
                                                 Map<String, Integer> tableIndex, Var[] unscaled, Var time) {
        return id -> {
            Var v = placeholders.get(id);
            if (v == null) {
                v = modelSymbols.apply(id);
            }
            if (v == null && tableIndex.containsKey(id)) {
                v = unscaled[tableIndex.get(id)];
            }
            if (v == null && (id.equals("t") || id.equals("time"))) {
                v = time;
            }
            return v;
        };
    }

    /** Builds the graph with the outputs llh, chi2, sim0.., res0.., sigma0.. in that order. */
    private static Graph outputs(GraphBuilder b, Var llhSum, Var chi2, List<Var> simulated, List<Var> residuals,
                                 List<Var> sigmas) {
        int count = simulated.size();
        String[] names = new String[2 + 3 * count];
        int[] nodes = new int[names.length];
        names[0] = "llh";
        nodes[0] = llhSum.node();
        names[1] = "chi2";
        nodes[1] = chi2.node();
        for (int i = 0; i < simulated.size(); i++) {
            names[2 + i] = "sim" + i;
            nodes[2 + i] = simulated.get(i).node();
            names[2 + count + i] = "res" + i;
            nodes[2 + count + i] = residuals.get(i).node();
            names[2 + 2 * count + i] = "sigma" + i;
            nodes[2 + 2 * count + i] = sigmas.get(i).node();
        }
        return b.build(names, nodes);
    }

    /** observableParameterN_obs and noiseParameterN_obs of one measurement row. */
    private static Map<String, Var> placeholders(PetabProblem pp, Map<String, Integer> tableIndex, Measurement me,
                                                 Observable o, Var[] unscaled, GraphBuilder b) {
        Map<String, Var> out = new HashMap<>();
        String[] kinds = {"observableParameter", "noiseParameter"};
        List<List<String>> given = List.of(me.observableParameters(), me.noiseParameters());
        for (int kind = 0; kind < 2; kind++) {
            int needed = placeholderCount(kind == 0 ? o.math() : o.noise(), kinds[kind] + "(\\d+)_" + java.util.regex.Pattern.quote(o.id()));
            if (kind == 0) {
                needed = Math.max(needed, placeholderCount(o.noise(), kinds[0] + "(\\d+)_" + java.util.regex.Pattern.quote(o.id())));
            }
            List<String> values = given.get(kind);
            if (values.size() < needed) {
                throw new SbmlException(me.where() + ": observable '" + o.id() + "' needs " + needed + " "
                        + kinds[kind] + "s, the row gives " + values.size());
            }
            for (int i = 0; i < values.size(); i++) {
                Source s = resolve(pp, tableIndex, values.get(i), me.where() + " (" + kinds[kind] + "s)");
                out.put(kinds[kind] + (i + 1) + "_" + o.id(), s.isParameter() ? unscaled[s.parameter()] : b.constant(s.constant()));
            }
        }
        return out;
    }

    /** The largest N of a placeholder pattern used in the math. */
    private static int placeholderCount(org.sbml.jsbml.ASTNode math, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(math.toFormula());
        int n = 0;
        while (m.find()) {
            n = Math.max(n, Integer.parseInt(m.group(1)));
        }
        return n;
    }
}
