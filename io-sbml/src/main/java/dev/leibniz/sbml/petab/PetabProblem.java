package dev.leibniz.sbml.petab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leibniz.sbml.SbmlException;
import dev.leibniz.sbml.SbmlModel;
import dev.leibniz.sbml.SbmlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbml.jsbml.ASTNode;
import org.sbml.jsbml.text.parser.FormulaParserLL3;
import org.sbml.jsbml.text.parser.ParseException;

/**
 * A PEtab 1 calibration problem: the SBML model and the condition, measurement, observable and
 * parameter tables its YAML file names, read and cross-checked. Every reference is resolved at
 * read time, so an unknown observable, condition or parameter is reported with its file and line
 * before anything is simulated. Evaluate it with {@link PetabObjective}.
 *
 * <p>The YAML is read with Jackson's YAML parser into a plain tree: no YAML tag can make it
 * instantiate a Java type, and alias expansion is bounded by the parser's limits.
 */
public final class PetabProblem {
    /** A row of the parameter table. */
    public record Parameter(String id, Scale scale, double lower, double upper, double nominal, boolean estimate,
                            String where) {
    }

    /** A row of the observable table, its formulas parsed. */
    public record Observable(String id, String formula, ASTNode math, ASTNode noise, NoiseModel noiseModel,
                             String where) {
    }

    /** A row of the condition table: values per model id (numbers or parameter ids). */
    public record Condition(String id, Map<String, String> values, String where) {
    }

    /** A row of the measurement table. */
    public record Measurement(String observableId, String preequilibrationId, String conditionId, double value,
                              double time, List<String> observableParameters, List<String> noiseParameters,
                              String where) {
    }

    private final Path yaml;
    private final SbmlModel model;
    private final List<Parameter> parameters;
    private final Map<String, Observable> observables;
    private final Map<String, Condition> conditions;
    private final List<Measurement> measurements;

    private PetabProblem(Path yaml, SbmlModel model, List<Parameter> parameters, Map<String, Observable> observables,
                         Map<String, Condition> conditions, List<Measurement> measurements) {
        this.yaml = yaml;
        this.model = model;
        this.parameters = List.copyOf(parameters);
        this.observables = observables;
        this.conditions = conditions;
        this.measurements = List.copyOf(measurements);
    }

    /** Reads the problem a PEtab YAML file describes (paths in it are relative to the YAML file). */
    public static PetabProblem read(Path yamlFile) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(yamlFile));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SbmlException(yamlFile + ": no such file");
        } catch (IOException e) {
            throw new SbmlException(yamlFile + ": not a readable PEtab YAML file: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new SbmlException(yamlFile + ": not a PEtab YAML file (expected a mapping)");
        }
        String version = root.path("format_version").asText("");
        if (!version.isEmpty() && !version.equals("1") && !version.startsWith("1.")) {
            throw new SbmlException(yamlFile + ": format_version " + version + " is not supported (PEtab 1 is)");
        }
        Path dir = yamlFile.toAbsolutePath().getParent();
        JsonNode problems = root.path("problems");
        if (!problems.isArray() || problems.size() != 1) {
            throw new SbmlException(yamlFile + ": 'problems' must list exactly one problem");
        }
        JsonNode p = problems.get(0);
        List<Path> sbml = files(yamlFile, dir, p, "sbml_files");
        if (sbml.size() != 1) {
            throw new SbmlException(yamlFile + ": sbml_files must name exactly one model, got " + sbml.size());
        }
        Path parameterFile = file(yamlFile, dir, root.path("parameter_file"), "parameter_file");
        SbmlModel model = SbmlReader.read(sbml.get(0));
        List<Parameter> parameters = parameters(parameterFile);
        Map<String, Observable> observables = new LinkedHashMap<>();
        for (Path f : files(yamlFile, dir, p, "observable_files")) {
            for (Table.Row r : Table.read(f, "observableId", "observableFormula", "noiseFormula")) {
                Observable o = observable(r);
                if (observables.put(o.id(), o) != null) {
                    throw r.error("observable '" + o.id() + "' is defined twice");
                }
            }
        }
        Map<String, Condition> conditions = new LinkedHashMap<>();
        for (Path f : files(yamlFile, dir, p, "condition_files")) {
            for (Table.Row r : Table.read(f, "conditionId")) {
                Map<String, String> values = new LinkedHashMap<>();
                r.cells().forEach((k, v) -> {
                    if (!k.equals("conditionId") && !k.equals("conditionName")) {
                        values.put(k, v.strip());
                    }
                });
                conditions.put(r.require("conditionId"), new Condition(r.require("conditionId"), values, r.where()));
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Path f : files(yamlFile, dir, p, "measurement_files")) {
            for (Table.Row r : Table.read(f, "observableId", "simulationConditionId", "measurement", "time")) {
                measurements.add(measurement(r, observables, conditions));
            }
        }
        return new PetabProblem(yamlFile, model, parameters, observables, conditions, measurements);
    }

    private static List<Parameter> parameters(Path file) {
        List<Parameter> out = new ArrayList<>();
        for (Table.Row r : Table.read(file, "parameterId", "nominalValue")) {
            String id = r.require("parameterId");
            Scale scale = Scale.parse(r.get("parameterScale"), r.where());
            boolean estimate = r.get("estimate").isEmpty() || r.get("estimate").equals("1");
            if (!r.get("estimate").isEmpty() && !r.get("estimate").matches("[01]")) {
                throw r.error("estimate must be 0 or 1, got '" + r.get("estimate") + "'");
            }
            double nominal = r.number("nominalValue");
            double lower = r.get("lowerBound").isEmpty() ? Double.NEGATIVE_INFINITY : r.number("lowerBound");
            double upper = r.get("upperBound").isEmpty() ? Double.POSITIVE_INFINITY : r.number("upperBound");
            if (scale != Scale.LIN && estimate && !(lower > 0)) {
                throw r.error("parameter '" + id + "' is on " + scale.id() + " scale but its lower bound " + lower
                        + " is not positive");
            }
            if (estimate && !(lower <= upper)) {
                throw r.error("parameter '" + id + "': lower bound " + lower + " exceeds upper bound " + upper);
            }
            out.add(new Parameter(id, scale, lower, upper, nominal, estimate, r.where()));
        }
        return out;
    }

    private static Observable observable(Table.Row r) {
        String id = r.require("observableId");
        Scale transformation = Scale.parse(r.get("observableTransformation"), r.where());
        NoiseModel noise = new NoiseModel(NoiseModel.distribution(r.get("noiseDistribution"), r.where()),
                transformation);
        String formula = r.require("observableFormula");
        return new Observable(id, formula, formula(formula, r, "observableFormula"),
                formula(r.require("noiseFormula"), r, "noiseFormula"), noise, r.where());
    }

    /** A PEtab (sympy-style) formula as SBML math: ** is written ^ for JSBML's Level 3 infix parser. */
    static ASTNode formula(String text, Table.Row r, String column) {
        try {
            return ASTNode.parseFormula(text.replace("**", "^"), new FormulaParserLL3(new java.io.StringReader("")));
        } catch (ParseException | RuntimeException e) {
            throw r.error(column + " '" + text + "' is not a formula: " + firstLine(e.getMessage()));
        }
    }

    private static Measurement measurement(Table.Row r, Map<String, Observable> observables,
                                           Map<String, Condition> conditions) {
        String obs = r.require("observableId");
        Observable o = observables.get(obs);
        if (o == null) {
            throw r.error("observable '" + obs + "' is not in the observable table " + observables.keySet());
        }
        String sim = r.require("simulationConditionId");
        if (!conditions.containsKey(sim)) {
            throw r.error("condition '" + sim + "' is not in the condition table");
        }
        String pre = r.get("preequilibrationConditionId");
        if (!pre.isEmpty() && !conditions.containsKey(pre)) {
            throw r.error("pre-equilibration condition '" + pre + "' is not in the condition table");
        }
        double value = r.number("measurement");
        String t = r.get("time").trim();
        // PEtab writes a steady-state measurement's time as inf
        double time = t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("+inf") ? Double.POSITIVE_INFINITY : r.number("time");
        if (Double.isNaN(time) || time < 0) {
            throw r.error("time " + time + " is not supported (non-negative times are, and inf for a steady state)");
        }
        if (o.noiseModel().transformation() != Scale.LIN && !(value > 0)) {
            throw r.error("measurement " + value + " of observable '" + obs + "' is not positive, but the observable is on "
                    + o.noiseModel().transformation().id() + " scale");
        }
        return new Measurement(obs, pre, sim, value, time, split(r.get("observableParameters")),
                split(r.get("noiseParameters")), r.where());
    }

    private static List<String> split(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(s.split(";")).map(String::strip).toList();
    }

    private static List<Path> files(Path yaml, Path dir, JsonNode problem, String key) {
        JsonNode list = problem.path(key);
        if (!list.isArray() || list.isEmpty()) {
            throw new SbmlException(yaml + ": the problem lists no " + key);
        }
        List<Path> out = new ArrayList<>();
        for (JsonNode n : list) {
            out.add(file(yaml, dir, n, key));
        }
        return out;
    }

    private static Path file(Path yaml, Path dir, JsonNode n, String key) {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new SbmlException(yaml + ": " + key + " must name a file");
        }
        Path f = dir.resolve(n.asText());
        if (!Files.isRegularFile(f)) {
            throw new SbmlException(yaml + ": " + key + " names '" + n.asText() + "', which does not exist (" + f + ")");
        }
        return f;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public Path yaml() {
        return yaml;
    }

    public SbmlModel model() {
        return model;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public Map<String, Observable> observables() {
        return observables;
    }

    public Map<String, Condition> conditions() {
        return conditions;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    /** The estimated parameters, in table order. */
    public List<Parameter> estimated() {
        return parameters.stream().filter(Parameter::estimate).toList();
    }

    /** The nominal values of the estimated parameters on their scales. */
    public double[] nominalOnScale() {
        return estimated().stream().mapToDouble(p -> p.scale().scale(p.nominal())).toArray();
    }
}
