package dev.leibniz.sbml;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sbml.jsbml.ASTNode;

/**
 * The value of every SBML id during one trace: states and parameters are graph inputs, the
 * targets of assignment rules and initial assignments are their math, translated on first use
 * and shared afterwards (so a rule used by ten reactions is one subgraph). A second source of
 * values (species' initial amounts, say) is consulted for ids that are neither. A rule that uses
 * itself, directly or not, is refused naming the cycle.
 */
final class Symbols implements Function<String, Var> {
    private final SbmlModel model;
    private final GraphBuilder b;
    private final Var time;
    private final Map<String, Var> known;
    private final Map<String, ASTNode> rules;
    private final Function<String, Var> fallback;
    private final Map<String, Var> memo = new HashMap<>();
    private final Set<String> active = new LinkedHashSet<>();

    /**
     * @param known    ids bound to graph variables (states, parameters)
     * @param rules    ids defined by math, looked up before {@code known}'s absence is an error
     * @param fallback values for the remaining ids, or null
     */
    Symbols(SbmlModel model, GraphBuilder b, Var time, Map<String, Var> known, Map<String, ASTNode> rules,
            Function<String, Var> fallback) {
        this.model = model;
        this.b = b;
        this.time = time;
        this.known = known;
        this.rules = rules;
        this.fallback = fallback;
    }

    @Override
    public Var apply(String id) {
        Var v = memo.get(id);
        if (v != null) {
            return v;
        }
        ASTNode math = rules.get(id);
        if (math != null) {
            if (!active.add(id)) {
                throw new SbmlException(model.source() + ": the rules for " + active + " use each other in a cycle");
            }
            v = translate(math, "the rule for '" + id + "'");
            active.remove(id);
        } else {
            v = known.get(id);
            if (v == null && fallback != null) {
                v = fallback.apply(id);
            }
        }
        if (v != null) {
            memo.put(id, v);
        }
        return v;
    }

    /** Translates math of the named element in this scope. */
    Var translate(ASTNode math, String element) {
        return new MathTranslator(b, time, model.functions(), model.source() + ": " + element).translate(math, this);
    }

    /** Translates a kinetic law, whose local parameters shadow the model's ids. */
    Var translate(ASTNode math, String element, Map<String, Var> locals) {
        return new MathTranslator(b, time, model.functions(), model.source() + ": " + element).translate(math,
                id -> locals.containsKey(id) ? locals.get(id) : apply(id));
    }

    GraphBuilder builder() {
        return b;
    }
}
