package dev.leibniz.sbml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.sbml.jsbml.ASTNode;
import org.sbml.jsbml.AlgebraicRule;
import org.sbml.jsbml.AssignmentRule;
import org.sbml.jsbml.Compartment;
import org.sbml.jsbml.FunctionDefinition;
import org.sbml.jsbml.InitialAssignment;
import org.sbml.jsbml.KineticLaw;
import org.sbml.jsbml.LocalParameter;
import org.sbml.jsbml.Model;
import org.sbml.jsbml.Parameter;
import org.sbml.jsbml.RateRule;
import org.sbml.jsbml.Reaction;
import org.sbml.jsbml.Rule;
import org.sbml.jsbml.SBMLDocument;
import org.sbml.jsbml.SBMLReader;
import org.sbml.jsbml.Species;
import org.sbml.jsbml.SpeciesReference;

/**
 * Reads SBML Level 2 and 3 Core with JSBML into an {@link SbmlModel}. The file is read as text
 * and any DTD or entity declaration is refused before JSBML parses it ({@code SafeXml}), so a
 * hostile file can neither read local files nor expand entities.
 *
 * <p>Refused, each naming the SBML element: events, algebraic rules, fast reactions,
 * stoichiometry math, compartments whose size changes by a rule, reactions without a kinetic law,
 * and (from the math) delay and rateOf. Units are not checked: numbers are used as written, as
 * simulators of the PEtab benchmark collection do.
 */
public final class SbmlReader {
    private SbmlReader() {
    }

    /** Reads and checks the model in {@code file}. */
    public static SbmlModel read(Path file) {
        String text = SafeXml.read(file);
        SBMLDocument doc;
        try {
            doc = new SBMLReader().readSBMLFromString(text);
        } catch (XMLStreamException | RuntimeException e) {
            throw new SbmlException(file + ": not readable as SBML: " + e.getMessage(), e);
        }
        Model m = doc == null ? null : doc.getModel();
        if (m == null) {
            throw new SbmlException(file + ": the document has no <model>");
        }
        return new SbmlReader.Walk(file, m).model();
    }

    /** One pass over a JSBML model. */
    private static final class Walk {
        private final Path file;
        private final Model m;
        private final List<String> states = new ArrayList<>();
        private final List<String> parameters = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();
        private final Map<String, String> stateCompartment = new HashMap<>();
        private final Map<String, ASTNode> assignmentRules = new LinkedHashMap<>();
        private final Map<String, ASTNode> rateRules = new LinkedHashMap<>();
        private final Map<String, ASTNode> initialAssignments = new LinkedHashMap<>();
        private final Map<String, ASTNode> functions = new HashMap<>();
        private final Map<String, SbmlModel.InitialNumber> initialNumbers = new HashMap<>();
        private final List<SbmlModel.Reaction> reactions = new ArrayList<>();

        Walk(Path file, Model m) {
            this.file = file;
            this.m = m;
        }

        SbmlModel model() {
            if (m.getNumEvents() > 0) {
                throw refuse("event '" + name(m.getEvent(0).getId(), m.getEvent(0).getMetaId(), 0)
                        + "': events are not supported by the ODE layer yet");
            }
            for (FunctionDefinition f : m.getListOfFunctionDefinitions()) {
                if (f.getMath() == null || f.getMath().getType() != ASTNode.Type.LAMBDA) {
                    throw refuse("function definition '" + f.getId() + "' has no lambda");
                }
                functions.put(f.getId(), f.getMath());
            }
            int k = 0;
            for (Rule r : m.getListOfRules()) {
                if (r instanceof AlgebraicRule) {
                    throw refuse("algebraic rule '" + name(null, r.getMetaId(), k)
                            + "': algebraic rules (a DAE) are not supported");
                } else if (r instanceof AssignmentRule a) {
                    assignmentRules.put(a.getVariable(), a.getMath());
                } else if (r instanceof RateRule a) {
                    rateRules.put(a.getVariable(), a.getMath());
                }
                k++;
            }
            for (InitialAssignment a : m.getListOfInitialAssignments()) {
                initialAssignments.put(a.getVariable(), a.getMath());
            }
            compartments();
            species();
            globalParameters();
            for (Reaction r : m.getListOfReactions()) {
                reaction(r);
            }
            for (String id : rateRules.keySet()) {
                if (!states.contains(id)) {
                    throw refuse("the rate rule for '" + id + "' names no parameter, compartment or species");
                }
            }
            checkReserved();
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            return new SbmlModel(file, m.getId(), states, parameters, v, stateCompartment, assignmentRules, rateRules,
                    initialAssignments, functions, initialNumbers, reactions);
        }

        private void compartments() {
            for (Compartment c : m.getListOfCompartments()) {
                String id = c.getId();
                if (assignmentRules.containsKey(id) || rateRules.containsKey(id)) {
                    throw refuse("compartment '" + id + "' changes size by a rule; variable compartments are not"
                            + " supported");
                }
                if (!initialAssignments.containsKey(id)) {
                    parameter(id, c.isSetSize() ? c.getSize() : 1.0);
                }
            }
        }

        private void species() {
            for (Species s : m.getListOfSpecies()) {
                String id = s.getId();
                if (assignmentRules.containsKey(id)) {
                    continue;
                }
                boolean concentration = !s.hasOnlySubstanceUnits();
                String c = s.getCompartment();
                SbmlModel.InitialNumber n = null;
                if (s.isSetInitialConcentration()) {
                    n = new SbmlModel.InitialNumber(s.getInitialConcentration(), c, concentration ? 0 : 1);
                } else if (s.isSetInitialAmount()) {
                    n = new SbmlModel.InitialNumber(s.getInitialAmount(), c, concentration ? -1 : 0);
                }
                if (s.isConstant() && !rateRules.containsKey(id)) {
                    if (!initialAssignments.containsKey(id)) {
                        if (n == null) {
                            throw refuse("species '" + id + "' is constant but has no initial amount or concentration");
                        }
                        Compartment comp = m.getCompartment(c);
                        double size = comp != null && comp.isSetSize() ? comp.getSize() : 1.0;
                        parameter(id, n.value() * Math.pow(size, n.volumePower()));
                    }
                    continue;
                }
                states.add(id);
                if (concentration && m.getCompartment(c) != null && m.getCompartment(c).getSpatialDimensionsAsDouble() != 0) {
                    stateCompartment.put(id, c);
                }
                if (n != null) {
                    initialNumbers.put(id, n);
                }
            }
        }

        private void globalParameters() {
            for (Parameter p : m.getListOfParameters()) {
                String id = p.getId();
                if (assignmentRules.containsKey(id)) {
                    continue;
                }
                if (rateRules.containsKey(id)) {
                    states.add(id);
                    if (p.isSetValue()) {
                        initialNumbers.put(id, new SbmlModel.InitialNumber(p.getValue(), null, 0));
                    }
                } else if (!initialAssignments.containsKey(id)) {
                    parameter(id, p.isSetValue() ? p.getValue() : Double.NaN);
                }
            }
        }

        private void reaction(Reaction r) {
            String id = r.getId();
            if (r.isSetFast() && r.getFast()) {
                throw refuse("reaction '" + id + "' is fast; fast reactions (a DAE) are not supported");
            }
            KineticLaw law = r.getKineticLaw();
            if (law == null || law.getMath() == null) {
                throw refuse("reaction '" + id + "' has no kinetic law");
            }
            Map<String, String> locals = new HashMap<>();
            for (LocalParameter lp : law.getListOfLocalParameters()) {
                String global = id + "." + lp.getId();
                locals.put(lp.getId(), global);
                parameter(global, lp.isSetValue() ? lp.getValue() : Double.NaN);
            }
            Map<Integer, Double> stoichiometry = new LinkedHashMap<>();
            for (SpeciesReference ref : r.getListOfReactants()) {
                stoichiometry(r, ref, -1, stoichiometry);
            }
            for (SpeciesReference ref : r.getListOfProducts()) {
                stoichiometry(r, ref, +1, stoichiometry);
            }
            reactions.add(new SbmlModel.Reaction(id, law.getMath(), locals, stoichiometry));
        }

        private void stoichiometry(Reaction r, SpeciesReference ref, int sign, Map<Integer, Double> out) {
            Species s = m.getSpecies(ref.getSpecies());
            if (s == null) {
                throw refuse("reaction '" + r.getId() + "' names species '" + ref.getSpecies()
                        + "', which is not defined in the model");
            }
            if (ref.isSetStoichiometryMath()) {
                throw refuse("reaction '" + r.getId() + "': stoichiometryMath for species '" + s.getId()
                        + "' is not supported");
            }
            if (ref.isSetId() && (assignmentRules.containsKey(ref.getId()) || rateRules.containsKey(ref.getId())
                    || initialAssignments.containsKey(ref.getId()))) {
                throw refuse("reaction '" + r.getId() + "': the stoichiometry '" + ref.getId()
                        + "' is set by a rule; variable stoichiometry is not supported");
            }
            int i = states.indexOf(s.getId());
            if (i < 0 || s.getBoundaryCondition() || rateRules.containsKey(s.getId())) {
                return; // boundary, constant and rule-driven species are not changed by reactions
            }
            double nu = ref.isSetStoichiometry() ? ref.getStoichiometry() : 1.0;
            out.merge(i, sign * nu, Double::sum);
        }

        private void parameter(String id, double value) {
            parameters.add(id);
            values.add(value);
        }

        private void checkReserved() {
            if (states.contains("t") || parameters.contains("t")) {
                throw refuse("the id 't' names the time input of Leibniz's ODE graphs; rename it in the model");
            }
        }

        private SbmlException refuse(String what) {
            return new SbmlException(file + ": " + what);
        }

        private static String name(String id, String metaId, int index) {
            return id != null && !id.isEmpty() ? id : metaId != null && !metaId.isEmpty() ? metaId : "#" + (index + 1);
        }
    }
}
