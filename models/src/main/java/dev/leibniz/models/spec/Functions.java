package dev.leibniz.models.spec;

import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The functions a model-file expression may call: every ad-core primitive that takes plain
 * arguments (no parameter of its own), by the name it has in graph listings — {@code sin},
 * {@code exp}, {@code log}, {@code sqrt}, {@code tanh}, {@code sigmoid}, {@code softplus},
 * {@code relu}, {@code abs}, {@code min}, {@code max}, {@code hypot}, {@code pow},
 * {@code select}, {@code logsumexp}, … The table is read from {@link Primitives#all()}, so a
 * primitive added to ad-core is callable from model files without a change here.
 */
final class Functions {
    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (callable(p)) {
                names.add(p.name());
            }
        }
        Collections.sort(names);
        NAMES = Collections.unmodifiableList(names);
    }

    private Functions() {
    }

    private static boolean callable(Primitive p) {
        return p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT && !p.hasParam()
                && p != dev.leibniz.core.prim.Arithmetic.MULZ; // internal to derivative graphs
    }

    /** Names of all callable functions, sorted. */
    static List<String> names() {
        return NAMES;
    }

    static boolean exists(String name) {
        return Primitives.exists(name) && callable(Primitives.byName(name));
    }

    /**
     * Null if {@code name} can be called with {@code n} arguments, else what is wrong
     * ("function 'max' takes 2 arguments, got 1").
     */
    static String checkCall(String name, int n) {
        if (!exists(name)) {
            return "unknown function '" + name + "'" + Names.suggestion(name, NAMES) + " (known: "
                    + String.join(", ", NAMES) + ")";
        }
        int arity = Primitives.byName(name).arity();
        if (arity >= 0 && n != arity) {
            return "function '" + name + "' takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got " + n;
        }
        if (arity < 0 && n < 1) {
            return "function '" + name + "' takes at least 1 argument, got 0";
        }
        return null;
    }

    /** Appends {@code name(args)} to the arguments' graph. */
    static Var apply(String name, Var[] args) {
        Primitive p = Primitives.byName(name);
        return args[0].graph().apply(p, args);
    }
}
