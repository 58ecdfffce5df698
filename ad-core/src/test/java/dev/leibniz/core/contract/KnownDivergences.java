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

    static final List<Entry> LIST = List.of(
            new Entry("#10", "a reverse sweep skips a zero adjoint but multiplies a zero partial: ∞·0 = NaN",
                    PLAIN_PRODUCT_SWEEPS, ALL, everywhere(), EnumSet.of(Check.VJP, Check.JACOBIAN_ROW),
                    EnumSet.of(FlowRule.SKIP_ZERO_ADJOINT_ONLY, FlowRule.SKIP_ZERO_ADJOINT_ONLY_ALL_EDGES)),
            new Entry("#1", "a reverse sweep builds the edges of Dependence.NONE: ∞·0 = NaN reaches the operands of"
                    + " comparisons, steps and a select's condition (interpreter, recorder: matrix graphs, on TensorEngine)",
                    Set.of("interpreter", "interpreter-anomaly", "compiled", "memory-planned", "checkpointed", "recorder",
                            "tensor-engine", "ode-rhs", "sparse-rows"),
                    ALL, everywhere(), EnumSet.of(Check.VJP, Check.JACOBIAN_ROW),
                    EnumSet.of(FlowRule.SKIP_ZERO_ADJOINT_ONLY_ALL_EDGES)),
            new Entry("#10", "the symbolic VJPs of matrix primitives multiply an all-zero cotangent by NaN values; the"
                    + " numeric kernels skip a node whose adjoint is all zeros",
                    Set.of("reverse-graph"), named("matmul", "softmax", "logsumexp_axis", "softmax_xent_rows"),
                    everywhere(), EnumSet.of(Check.VJP), null),
            new Entry("#2", "relu on the matrix path (Elementwise) maps NaN to 0",
                    Set.of("tensor-engine", "interpreter", "recorder"), named("relu"), everywhere(),
                    EnumSet.of(Check.VALUE, Check.VJP), null),
            new Entry("#11", "the matrix sigmoid VJP computes (g·y)·(1−y) where the scalar rule computes g·(y·(1−y)):"
                    + " last-bit differences", Set.of("tensor-engine", "interpreter", "interpreter-anomaly", "recorder"),
                    named("sigmoid"), everywhere(), EnumSet.of(Check.VJP), null),
            new Entry("#11", "the softmax_xent_rows reverse kernel computes g·p − g: NaN for g = ∞ where the symbolic"
                    + " rule g·(p − onehot) (and the scalar softmax_xent) give −∞",
                    Set.of("reverse-graph"), named("softmax_xent_rows"), everywhere(), EnumSet.of(Check.VJP), null),
            new Entry("#3", "a scalar-only transform given a matrix graph does not throw a ShapeException naming a"
                    + " matrix node (%i) and its shape",
                    Set.of("compiled", "memory-planned", "checkpointed", "forward-lanes", "jvp-graph-forward",
                            "sparse-rows", "sparse-columns", "sparsity-global", "sparsity-local", "ode-rhs"),
                    ALL, everywhere(), EnumSet.of(Check.SHAPE), null),
            new Entry("pow", "the symbolic partials of pow give NaN where the numeric rule has its guards (∂a at b = 0,"
                    + " ∂b at a = 0; one-rule-table.md §1)", Set.of("reverse-graph", "jvp-graph", "jvp-graph-forward"),
                    named("pow"), everywhere(), EnumSet.of(Check.VJP, Check.JVP, Check.JACOBIAN_ROW), null));

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
