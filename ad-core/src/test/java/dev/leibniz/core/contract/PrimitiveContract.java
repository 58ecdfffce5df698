package dev.leibniz.core.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every registered primitive through every back end on the class path ({@link BackEnds}),
 * compared with the reference ({@link Oracle}, {@link ContractCheck}). Each library module runs it
 * from its tests with a one-line subclass named {@code PrimitiveContractTest}, so the run of a
 * module covers its back ends and those of the modules below it — ad-ode's run covers all. A new
 * primitive (registered in {@code Primitives}, with a row in {@code PrimitiveDomains} or
 * {@code TensorCases}) or a new back end (one class and one line in the module's
 * {@code META-INF/services/dev.leibniz.core.contract.BackEnd}) is covered without editing this.
 *
 * <p>Two parts:
 * <ol>
 *   <li>{@link #everyBackEndAgreesOnThePoisonGrid}: a deterministic grid of poison points
 *       ({@link Cases#grid}); fails on any disagreement not in {@link KnownDivergences}, and on any
 *       row of that list that no longer fails (delete it: the fix landed).</li>
 *   <li>{@link #everyBackEndAgreesAtRandomPoints}: a jqwik property over random cases
 *       ({@link Cases#random}) with a fixed seed, so CI runs are reproducible; jqwik prints the
 *       seed and the falsifying case's seed, and the message names the case.</li>
 * </ol>
 * The counts are printed ("contract (poison grid): 48 primitives x 17 back ends, 29,252 cases, …").
 * To study failures, {@code -DargLine=-Dcontract.report=<file>} writes every group of unexpected
 * failures of the grid (back end, check, primitive, embedding, the old flow rule that explains it)
 * with one example each.
 */
public abstract class PrimitiveContract {
    private static final Tally GRID = new Tally();
    private static final Tally RANDOM = new Tally();

    @Example
    public void everyBackEndAgreesOnThePoisonGrid() {
        List<BackEnd> backEnds = BackEnds.discover();
        assertFalse(backEnds.isEmpty(), "no back ends found: META-INF/services/" + BackEnd.class.getName());
        for (Case c : Cases.grid()) {
            GRID.record(c, backEnds, ContractCheck.run(c, backEnds));
        }
        System.out.println("contract (poison grid): " + GRID.summary());
        String report = System.getProperty("contract.report");
        if (report != null) { // a full list of the groups of failures, to study them
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(report), GRID.describeUnexpected(Integer.MAX_VALUE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertTrue(GRID.unexpected().isEmpty(), "back ends disagree with the reference (not in KnownDivergences):\n"
                + GRID.describeUnexpected(40));
        List<KnownDivergences.Hit> fixed = new ArrayList<>();
        for (KnownDivergences.Hit expected : KnownDivergences.expected(BackEnds.names())) {
            if (!GRID.hit().contains(expected)) {
                fixed.add(expected);
            }
        }
        assertTrue(fixed.isEmpty(), "known divergences that no longer show on the poison grid — the defect is fixed "
                + "there: delete the back end from the entry in KnownDivergences (and the entry when none is left):\n"
                + String.join("\n", fixed.stream().map(Object::toString).toList()));
    }

    @Property(tries = 4000, seed = "20250613", shrinking = ShrinkingMode.OFF)
    public void everyBackEndAgreesAtRandomPoints(@ForAll("caseSeeds") long seed) {
        List<BackEnd> backEnds = BackEnds.discover();
        Case c = Cases.random(seed);
        List<Failure> failures = ContractCheck.run(c, backEnds);
        int before = RANDOM.unexpected().size();
        RANDOM.record(c, backEnds, failures);
        List<Failure> mine = RANDOM.unexpected().subList(before, RANDOM.unexpected().size());
        assertTrue(mine.isEmpty(), "back ends disagree with the reference (not in KnownDivergences):\n"
                + String.join("\n", mine.stream().map(Failure::toString).toList()));
    }

    @Provide
    public Arbitrary<Long> caseSeeds() {
        return Arbitraries.longs();
    }

    @AfterContainer
    public static void printCounts() {
        if (RANDOM.cases() > 0) {
            System.out.println("contract (random points): " + RANDOM.summary());
        }
    }
}
