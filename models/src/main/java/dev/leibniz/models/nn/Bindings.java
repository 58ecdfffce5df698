package dev.leibniz.models.nn;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Var;
import java.util.Map;

/**
 * The variables that stand for a network's parameters in one graph (static or recorded), by
 * name. A layer reads its own ({@code get(prefix + ".W")}); the same bindings can be passed to
 * several layers or several time steps, which is how weights are shared.
 */
public final class Bindings {
    private final Map<String, Var> vars;

    Bindings(Map<String, Var> vars) {
        this.vars = Map.copyOf(vars);
    }

    public Var get(String name) {
        Var v = vars.get(name);
        if (v == null) {
            throw new LeibnizException("no parameter named '" + name + "' is bound; bound are " + vars.keySet());
        }
        return v;
    }
}
