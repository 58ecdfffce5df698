package dev.leibniz.models.spec;

import dev.leibniz.core.expr.Syntax;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders definitions that refer to one another (consts to consts, outputs to outputs) so that
 * each comes after everything it uses, by depth-first search; a cycle is an error that lists
 * it, {@code circular definition: a -> b -> a}, at the first definition of the cycle.
 */
final class DependencyOrder {
    private DependencyOrder() {
    }

    static List<Definition> sort(String file, List<Definition> defs, String kind) {
        Map<String, Definition> byName = new HashMap<>();
        for (Definition d : defs) {
            byName.put(d.name(), d);
        }
        List<Definition> out = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        for (Definition d : defs) {
            visit(file, kind, d, byName, done, new LinkedHashSet<>(), out);
        }
        return out;
    }

    private static void visit(String file, String kind, Definition d, Map<String, Definition> byName, Set<String> done,
                              LinkedHashSet<String> path, List<Definition> out) {
        if (done.contains(d.name())) {
            return;
        }
        if (path.contains(d.name())) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : path) {
                in |= p.equals(d.name());
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(d.name());
            Definition first = byName.get(cycle.get(0));
            throw new ModelFileException(file, first.position().line(), first.position().column(),
                    "circular definition of " + kind + "s: " + String.join(" -> ", cycle));
        }
        path.add(d.name());
        Set<String> uses = new LinkedHashSet<>();
        Syntax.forEachName(d.expr(), n -> uses.add(n.name()));
        for (String u : uses) {
            Definition dep = byName.get(u);
            if (dep != null) {
                visit(file, kind, dep, byName, done, path, out);
            }
        }
        path.remove(d.name());
        done.add(d.name());
        out.add(d);
    }
}
