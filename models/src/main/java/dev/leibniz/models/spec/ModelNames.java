package dev.leibniz.models.spec;

import dev.leibniz.core.expr.ExpressionSyntaxException;
import dev.leibniz.core.expr.FunctionTable;
import dev.leibniz.core.expr.Syntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a model file defines, each with its {@link Kind} and the line that defined it, and
 * the rules for using them in {@link ModelParser}: which words cannot be defined, which names each
 * kind of line may use, and that every call is to a known function with the right number of
 * arguments. Errors name file, line and column, with a "did you mean" where a defined name is close.
 */
final class ModelNames {
    /** Words that cannot be defined: the time variable, keywords, built-in constants. */
    private static final Set<String> RESERVED = Set.of("t", "t0", "der", "const", "param", "state", "output", "in",
            "input", "pi", "inf");

    /** What a line defines. */
    enum Kind {
        CONST("const"), PARAM("param"), STATE("state"), OUTPUT("output"), INPUT("input"), FUNCTION("input function");

        final String word;

        Kind(String word) {
            this.word = word;
        }

        /** "a const", "an input". */
        String withArticle() {
            return (word.startsWith("i") || word.startsWith("o") ? "an " : "a ") + word;
        }
    }

    private final String file;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, Position> where = new HashMap<>();

    ModelNames(String file) {
        this.file = file;
    }

    /** Defines {@code name} as {@code kind}: not a reserved word, not defined before. */
    void define(LineParser lp, Token name, Kind kind) {
        String n = name.text();
        if (RESERVED.contains(n)) {
            throw lp.error(name, "'" + n + "' is reserved and cannot be defined as " + kind.withArticle());
        }
        Kind previous = kinds.get(n);
        if (previous != null) {
            throw lp.error(name, "duplicate definition of '" + n + "'; first defined at line " + where.get(n).line()
                    + " as " + previous.withArticle());
        }
        kinds.put(n, kind);
        where.put(n, lp.position(name));
    }

    /** The kind of {@code name}, or null when the file does not define it. */
    Kind kindOf(String name) {
        return kinds.get(name);
    }

    /**
     * Checks every name and call of {@code d}'s expression. In a time-dependent line (der, output)
     * anything defined may be used, and {@code t} when the model has states; otherwise only consts
     * and params ({@code rule} says why, in the error). The constants of the expression grammar
     * ({@code pi}, {@code e}, {@code inf}) may be used anywhere unless defined.
     */
    void check(Definition d, boolean timeDependent, String rule, boolean hasStates) {
        int line = d.position().line();
        Syntax.forEachName(d.expr(), n -> {
            String name = n.name();
            Kind k = kinds.get(name);
            if (k == null && FunctionTable.constant(name) != null) {
                return;
            }
            if (name.equals("t")) {
                if (!timeDependent) {
                    throw error(line, n.column(), "'t' cannot be used here: " + rule);
                }
                if (!hasStates) {
                    throw error(line, n.column(), "'t' cannot be used in a model without states: it has no time;"
                            + " declare the predictor as a data column with 'input NAME'");
                }
                return;
            }
            if (k == null) {
                List<String> known = known(timeDependent, hasStates);
                String hint = FunctionTable.isFunction(name) ? "; '" + name + "' is a function, call it as " + name + "(…)"
                        : Names.suggestion(name, known);
                throw error(line, n.column(), "unknown name '" + name + "'" + hint + " (known: " + String.join(", ", known)
                        + ")");
            }
            if (!timeDependent && (k == Kind.STATE || k == Kind.OUTPUT || k == Kind.INPUT || k == Kind.FUNCTION)) {
                throw error(line, n.column(), "'" + name + "' is " + k.withArticle() + " and cannot be used here: " + rule);
            }
        });
        Syntax.forEachCall(d.expr(), c -> {
            try {
                FunctionTable.check(c);
            } catch (ExpressionSyntaxException e) {
                throw error(line, e.column(), e.detail());
            }
        });
    }

    /** The names an expression may use: all, or in a line fixed in time only consts and params; t; unshadowed constants. */
    private List<String> known(boolean timeDependent, boolean hasStates) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Kind> en : kinds.entrySet()) {
            if (timeDependent || en.getValue() == Kind.CONST || en.getValue() == Kind.PARAM) {
                out.add(en.getKey());
            }
        }
        if (timeDependent && hasStates) {
            out.add("t");
        }
        for (String c : FunctionTable.constantNames()) {
            if (!kinds.containsKey(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private ModelFileException error(int line, int column, String message) {
        return new ModelFileException(file, line, column, message);
    }
}
