package dev.leibniz.ode;

import dev.leibniz.ode.internal.AutoSwitch;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.StateSystem;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The discrete adjoint of {@link Method#AUTO}: reverse mode through a solve whose first steps are
 * the explicit method's (DOPRI5) and whose later steps, after the stiffness test fired, are the
 * stiff method's (Rodas5P). Each step is a map y₁ = Φ_m(y, p) of its own method m, so the adjoint
 * of the whole solve is the chain of the steps' adjoints: walking the steps backward, a DOPRI5
 * step is pulled back by {@link DiscreteAdjoint}'s stage recursion, a Rodas5P step by
 * {@link RosenbrockAdjoint}'s, and at the switch point the cotangent ȳ of the state there is
 * handed from one to the other (p̄ of both add up). The switch itself is a discrete decision,
 * held fixed like the step sizes: the result is the exact derivative of the computed outputs for
 * the step sequence and methods the forward pass chose.
 *
 * <p>The replay retraces the switch: a checkpoint holds the stepper's cache, which carries the
 * mode and the stiffness counters ({@link AutoSwitch#cache()}), so a segment replayed from it
 * takes the same steps with the same methods; the observer asks the stepper which method made
 * each step while the step is shown ({@link AutoSwitch#inStiffMode()}).
 *
 * <p>When the forward pass fits the checkpoint budget it keeps its steps and their methods, and
 * nothing is replayed (as in {@link DiscreteAdjoint}).
 *
 * <p>Cost: per step that of its own method's adjoint; memory: one step record shared by the two
 * sweeps, and the stiff sweep's stage vectors only once a stiff step is met (a solve that stays
 * explicit holds exactly what DOPRI5's discrete adjoint holds).
 */
final class SwitchAdjoint {
    private SwitchAdjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        StateSystem sys = new StateSystem(s.f, s.states);
        AutoSwitch stepper = (AutoSwitch) s.stepper(sys);
        Integrator integ = s.integrator(sys, stepper, s.initialState(), s.n);
        Checkpoints cps = new Checkpoints(integ, s.options.maxCheckpoints());
        StepRecord rec = new StepRecord(s.n, false);
        BitSet stiffStep = new BitSet();
        Integrator.StepObserver recordWithMethod = (t0, h, t1, y0, y1, from, to) -> {
            stiffStep.set(rec.count, stepper.inStiffMode());
            rec.onStep(t0, h, t1, y0, y1, from, to);
        };
        // the forward pass keeps its steps (and their methods) when they fit, as DiscreteAdjoint does
        double[][] states = DiscreteAdjoint.copyRows(cps.run(rec, DiscreteAdjoint.maxKeptSteps(s.options),
                recordWithMethod));
        AdjointPass pass = new AdjointPass(s, states, loss);
        double[][] dStates = pass.dStates;
        double[] dp = pass.dp;

        Chain chain = new Chain(s, stepper, sys, dStates, rec, stiffStep);
        int peak;
        if (cps.keptAllSteps()) {
            chain.stepsBackward();
            peak = cps.held() + chain.work();
        } else {
            peak = 0;
            for (int seg = cps.segments() - 1; seg >= 0; seg--) {
                rec.clear();
                stiffStep.clear();
                cps.replay(seg, recordWithMethod);
                chain.stepsBackward();
                peak = Math.max(peak, (seg + 1) + rec.count + chain.work());
            }
        }
        double[] ybar = chain.initialStateAdjoint();
        for (int q = 0; q < s.p; q++) {
            dp[q] += chain.pbar(q);
        }
        return pass.finish(cps, peak, ybar);
    }

    /**
     * The two methods' sweeps over one shared step record, and which of them holds ȳ now: each
     * recorded step is pulled back by the adjoint of the method that made it.
     */
    private static final class Chain {
        private final Setup s;
        private final AutoSwitch stepper;
        private final double[][] dStates;
        private final StepRecord rec;
        private final BitSet stiffStep;
        private final DiscreteAdjoint.Sweep explicit;
        // the stiff sweep (its 2s stage vectors) only once a stiff step is met; it reads the shared record
        private RosenbrockAdjoint.Sweep stiff;
        // ȳ lives in the sweep of the method of the step last pulled back; ȳ₁ of the last step is zero in both
        private boolean live;

        Chain(Setup s, AutoSwitch stepper, StateSystem sys, double[][] dStates, StepRecord rec, BitSet stiffStep) {
            this.s = s;
            this.stepper = stepper;
            this.dStates = dStates;
            this.rec = rec;
            this.stiffStep = stiffStep;
            this.explicit = new DiscreteAdjoint.Sweep(s, stepper.explicitTableau(), sys, dStates, rec);
        }

        /** The recorded steps, last to first. */
        void stepsBackward() {
            for (int m = rec.count - 1; m >= 0; m--) {
                boolean isStiff = stiffStep.get(m);
                if (isStiff && stiff == null) {
                    stiff = new RosenbrockAdjoint.Sweep(s, stepper.stiffTableau(), dStates, rec);
                }
                if (isStiff != live) {
                    handOver(isStiff ? explicit.ybar : stiff.ybar, isStiff ? stiff.ybar : explicit.ybar);
                    live = isStiff;
                }
                if (isStiff) {
                    stiff.step(m);
                } else {
                    explicit.step(m);
                }
            }
        }

        /** Stage vectors held by the sweeps. */
        int work() {
            return stepper.explicitTableau().stages() + (stiff == null ? 0 : 2 * stepper.stiffTableau().stages());
        }

        double[] initialStateAdjoint() {
            if (live) {
                handOver(stiff.ybar, explicit.ybar);
                live = false;
            }
            return explicit.initialStateAdjoint();
        }

        double pbar(int q) {
            return explicit.pbar[q] + (stiff == null ? 0 : stiff.pbar[q]);
        }
    }

    /** Moves ȳ at the switch point from one method's sweep to the other's. */
    private static void handOver(double[] from, double[] to) {
        DiscreteAdjoint.add(to, from);
        Arrays.fill(from, 0.0);
    }
}
