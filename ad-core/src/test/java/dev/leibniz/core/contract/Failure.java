package dev.leibniz.core.contract;

import dev.leibniz.core.prim.Primitive;
import java.util.Arrays;

/**
 * One disagreement of one back end with the reference on one case, with what the back end gave
 * (null for a refusal or an exception) so that {@link KnownDivergences} can tell whether a known
 * defect explains it exactly.
 */
public final class Failure {
    private final String backEnd;
    private final Check check;
    private final String detail;
    private final Case c;
    private final Outcome outcome;
    private final Exactness exactness;
    private final Oracles oracles;
    private FlowRule attributed;
    private boolean attributionDone;

    /**
     * @param oracles the reference and its variants for this case (shared by the failures of one case)
     */
    public Failure(String backEnd, Check check, String detail, Case c, Outcome outcome, Exactness exactness,
                   Oracles oracles) {
        this.backEnd = backEnd;
        this.check = check;
        this.detail = detail;
        this.c = c;
        this.outcome = outcome;
        this.exactness = exactness;
        this.oracles = oracles;
    }

    public String backEnd() {
        return backEnd;
    }

    public Check check() {
        return check;
    }

    public Case c() {
        return c;
    }

    public Primitive primitive() {
        return c.primitive();
    }

    public Embedding embedding() {
        return c.embedding();
    }

    /**
     * The old flow rule that reproduces the back end's reverse-sweep numbers: every number that
     * differs from the reference is the rule's number, within the back end's exactness (the first
     * rule that does, the one with fewer defects first); null when none does or the failure is not
     * about a reverse sweep.
     */
    public FlowRule attributedRule() {
        if (!attributionDone) {
            attributionDone = true;
            attributed = attribute();
        }
        return attributed;
    }

    private FlowRule attribute() {
        if (outcome == null || (check != Check.VJP && check != Check.JACOBIAN_ROW)) {
            return null;
        }
        Oracle reference = oracles.of(FlowRule.CONTRACT);
        for (FlowRule rule : new FlowRule[] {FlowRule.SKIP_ZERO_ADJOINT_ONLY, FlowRule.SKIP_ZERO_ADJOINT_ONLY_ALL_EDGES}) {
            Oracle o = oracles.of(rule);
            if (explains(reference.vjp(), o.vjp(), outcome.vjp())
                    && explains(reference.jacobianRow(), o.jacobianRow(), perInput(outcome.jacobianRow()))) {
                return rule;
            }
        }
        return null;
    }

    /** Every element of {@code actual} is the reference's or the old rule's. */
    private boolean explains(double[][] reference, double[][] rule, double[][] actual) {
        if (actual == null) {
            return true;
        }
        for (int k = 0; k < reference.length; k++) {
            for (int e = 0; e < reference[k].length; e++) {
                if (!exactness.accepts(reference[k][e], actual[k][e]) && !exactness.accepts(rule[k][e], actual[k][e])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[][] perInput(double[] row) {
        if (row == null) {
            return null;
        }
        double[][] r = new double[row.length][];
        for (int j = 0; j < row.length; j++) {
            r[j] = new double[] {row[j]};
        }
        return r;
    }

    @Override
    public String toString() {
        return backEnd + " / " + check + ": " + detail + "\n    case: " + c;
    }

    /** Short form for grouping: back end, check, primitive, embedding and layout. */
    public String group() {
        boolean scalar = c.spec().isScalarGraph();
        return backEnd + " / " + check + " / " + primitive().name() + " / " + embedding()
                + (scalar ? "" : " / " + Arrays.toString(c.spec().shapes().toArray()));
    }
}
