package dev.leibniz.core.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The back ends on the class path, found with {@link ServiceLoader} from the
 * {@code META-INF/services/dev.leibniz.core.contract.BackEnd} files of every module's test
 * resources: a module's test run sees its own back ends and those of the modules it depends on
 * (whose test jars are on its test class path).
 */
public final class BackEnds {
    private BackEnds() {
    }

    private static List<BackEnd> found;

    /** All back ends on the class path, by name; names must be unique. */
    public static synchronized List<BackEnd> discover() {
        if (found == null) {
            List<BackEnd> list = new ArrayList<>();
            ServiceLoader.load(BackEnd.class, BackEnds.class.getClassLoader()).forEach(list::add);
            list.sort(Comparator.comparing(BackEnd::name));
            Set<String> names = new HashSet<>();
            for (BackEnd b : list) {
                if (!names.add(b.name())) {
                    throw new IllegalStateException("two back ends are named '" + b.name() + "'");
                }
            }
            found = List.copyOf(list);
        }
        return found;
    }

    /** The names of the discovered back ends. */
    public static Set<String> names() {
        Set<String> s = new HashSet<>();
        discover().forEach(b -> s.add(b.name()));
        return s;
    }
}
