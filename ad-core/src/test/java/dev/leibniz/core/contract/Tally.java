package dev.leibniz.core.contract;

import dev.leibniz.core.prim.Primitive;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run of the contract covered and found: the primitives and back ends it ran, the number
 * of cases and of back-end runs, the failures excused by {@link KnownDivergences} (and which of
 * their rows they hit), and the failures nothing excuses.
 */
public final class Tally {
    private final Set<Primitive> primitives = new LinkedHashSet<>();
    private final Set<String> backEnds = new LinkedHashSet<>();
    /** "primitive/back end" pairs where the back end ran the case (not only refused it). */
    private final Set<String> pairsRun = new LinkedHashSet<>();
    private long cases;
    private long runs;
    private long excused;
    private final List<Failure> unexpected = new ArrayList<>();
    private final Set<KnownDivergences.Hit> hit = new LinkedHashSet<>();
    private final Map<String, Integer> excusedByDefect = new TreeMap<>();

    /** Records the failures of one case run through {@code backEnds}. */
    public synchronized void record(Case c, List<BackEnd> backEnds, List<Failure> failures) {
        cases++;
        runs += backEnds.size();
        primitives.add(c.primitive());
        for (BackEnd b : backEnds) {
            this.backEnds.add(b.name());
            if (b.supports(c)) {
                pairsRun.add(c.primitive().name() + "/" + b.name());
            }
        }
        for (Failure f : failures) {
            List<KnownDivergences.Entry> entries = KnownDivergences.excusing(f);
            if (entries.isEmpty()) {
                unexpected.add(f);
                continue;
            }
            excused++;
            for (KnownDivergences.Entry e : entries) {
                hit.add(new KnownDivergences.Hit(e, f.backEnd()));
                excusedByDefect.merge(e.defect(), 1, Integer::sum);
            }
        }
    }

    public List<Failure> unexpected() {
        return unexpected;
    }

    public Set<KnownDivergences.Hit> hit() {
        return hit;
    }

    public long cases() {
        return cases;
    }

    /** One line: "48 primitives x 17 back ends (…), 29,252 cases, …". */
    public String summary() {
        return String.format("%d primitives x %d back ends (%d pairs run, the rest refused as matrix graphs), %,d cases,"
                + " %,d back-end runs; %,d known divergences excused %s, %d unexpected failures", primitives.size(),
                backEnds.size(), pairsRun.size(), cases, runs, excused, excusedByDefect, unexpected.size());
    }

    /** The unexpected failures, grouped by back end, check and primitive, with one example each. */
    public String describeUnexpected(int limit) {
        Map<String, Failure> first = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        for (Failure f : unexpected) {
            FlowRule rule = f.attributedRule();
            String key = f.group() + (rule == null ? "" : " / as " + rule);
            first.putIfAbsent(key, f);
            count.merge(key, 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Failure> e : first.entrySet()) {
            if (shown++ == limit) {
                sb.append("… and ").append(first.size() - limit).append(" more groups\n");
                break;
            }
            sb.append(e.getKey()).append(" (").append(count.get(e.getKey())).append(" cases), e.g. ")
                    .append(e.getValue()).append('\n');
        }
        return sb.toString();
    }
}
