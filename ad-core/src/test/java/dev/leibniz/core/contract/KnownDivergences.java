package dev.leibniz.core.contract;

import dev.leibniz.core.prim.Primitive;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * THE list of known divergences between back ends and the reference ({@link Oracle}): defects of
 * issue 13 that other work is fixing, each as back ends × primitives × embeddings × checks.
 *
 * <p>The contract test treats a failure inside an entry as expected, and asserts that every back
 * end of every entry (among those on the class path) still fails inside that entry somewhere on
 * the deterministic poison grid ({@link Cases#grid}). So when a fix lands the test fails until the
 * back end is deleted from its entry, and an entry with no back end left is deleted: the list only
 * shrinks, and must end empty.
 *
 * <p>Entries about the reverse sweeps' flow rule (defects 1 and 10) are exact: they excuse a
 * failure only where the old rule ({@link FlowRule}) reproduces the back end's numbers, element for
 * element — so they can name every primitive and embedding without hiding a different bug on the
 * same row. The other entries name the primitives and checks they are about.
 */
public final class KnownDivergences {
    private KnownDivergences() {
    }

    /** A set of primitives, by a rule or by name. */
    public record Primitives(String description, Predicate<Primitive> test) {
        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * One known divergence.
     *
     * @param defect      the defect of issue 13 ("#1", "#10", …)
     * @param description what goes wrong
     * @param backEnds    the back ends it shows in
     * @param primitives  the primitives it shows with
     * @param embeddings  the embeddings it shows in
     * @param checks      the checks that fail
     * @param rules       for a defect of the reverse sweeps' flow rule: the old rules ({@link FlowRule})
     *                    one of which must reproduce the back end's numbers exactly; null for other defects
     */
    public record Entry(String defect, String description, Set<String> backEnds, Primitives primitives,
                        Set<Embedding> embeddings, Set<Check> checks, Set<FlowRule> rules) {
        boolean excuses(Failure f) {
            return backEnds.contains(f.backEnd()) && primitives.test().test(f.primitive())
                    && embeddings.contains(f.embedding()) && checks.contains(f.check())
                    && (rules == null || rules.contains(f.attributedRule()));
        }

        @Override
        public String toString() {
            return defect + " (" + description + "): " + backEnds + " x " + primitives + " x " + embeddings + " x "
                    + checks + (rules == null ? "" : " as " + rules);
        }
    }

    /** A back end of an entry; it must still fail inside the entry. */
    public record Hit(Entry entry, String backEnd) {
        @Override
        public String toString() {
            return "back end '" + backEnd + "' of " + entry;
        }
    }

    // ---------------------------------------------------------------- the list

    private static final Primitives ALL = new Primitives("every primitive", p -> true);

    private static Primitives named(String... names) {
        Set<String> s = Set.of(names);
        return new Primitives(String.join(", ", names), p -> s.contains(p.name()));
    }

    private static Set<Embedding> everywhere() {
        return EnumSet.allOf(Embedding.class);
    }

    /** The back ends whose reverse sweeps multiply instead of using {@code Flow.times}. */
    private static final Set<String> PLAIN_PRODUCT_SWEEPS = Set.of("interpreter", "interpreter-anomaly", "compiled",
            "memory-planned", "checkpointed", "recorder", "tensor-engine", "ode-rhs", "sparse-rows");

    static final List<Entry> LIST = List.of();

    /** The entries that excuse this failure (empty when it is unexpected). */
    public static List<Entry> excusing(Failure f) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : LIST) {
            if (e.excuses(f)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every back end of every entry that is on the class path: each must still fail inside its entry. */
    public static List<Hit> expected(Set<String> backEndsPresent) {
        List<Hit> hits = new ArrayList<>();
        for (Entry e : LIST) {
            for (String b : e.backEnds()) {
                if (backEndsPresent.contains(b)) {
                    hits.add(new Hit(e, b));
                }
            }
        }
        return hits;
    }
}
