package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.spec.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The four batch operations as lists of tasks, built on the driver and run by any
 * {@link BatchEngine}. Everything random is decided here from the seed (the start points) or
 * carried as a per-task seed (bootstrap replicates), so the tasks — and the results — do not
 * depend on the engine.
 */
public final class Tasks {
    private Tasks() {
    }

    /**
     * {@code starts} fits from points of {@code design} inside each fitted parameter's
     * {@link SamplingBox}; fixed parameters keep their values from the model file.
     */
    public static List<StartTask> multiStart(FitJob job, int starts, StartDesign design, long seed) {
        if (starts < 1) {
            throw new LeibnizException("--starts must be at least 1, got " + starts);
        }
        List<Parameter> ps = JobCache.compiled(job).model().parameters();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            if (!job.fixed().contains(ps.get(i).name())) {
                free.add(i);
            }
        }
        double[][] u = design.points(starts, free.size(), seed);
        List<StartTask> tasks = new ArrayList<>();
        for (int s = 0; s < starts; s++) {
            double[] x = new double[ps.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = ps.get(i).initial();
            }
            for (int d = 0; d < free.size(); d++) {
                int i = free.get(d);
                x[i] = SamplingBox.of(ps.get(i)).at(u[s][d]);
            }
            tasks.add(new StartTask(s, x));
        }
        return tasks;
    }

    /** One fit per group of {@code table}, in the table's order. */
    public static List<GroupTask> perGroup(GroupTable table) {
        List<GroupTask> tasks = new ArrayList<>();
        for (GroupTable.Group g : table.groups()) {
            tasks.add(new GroupTask(tasks.size(), g.name(), g.times(), table.columns(), g.values()));
        }
        return tasks;
    }

    /**
     * For each fitted parameter θᵢ, {@code gridPoints} fits with θᵢ held at
     * θ̂ᵢ + {@code width}·SEᵢ·(−1 … 1) (evenly spaced, the optimum itself excluded when
     * {@code gridPoints} is even), the others refitted from the optimum. Grid points on or beyond
     * a bound are left out, so such a profile stops at the bound.
     *
     * @param optimum        every parameter's value at the optimum, model order
     * @param standardErrors their standard errors (NaN: that parameter is not profiled)
     */
    public static List<ProfileTask> profiles(FitJob job, double[] optimum, double[] standardErrors, int gridPoints,
                                             double width) {
        if (gridPoints < 2) {
            throw new LeibnizException("a profile needs at least 2 grid points, got " + gridPoints);
        }
        List<Parameter> ps = JobCache.compiled(job).model().parameters();
        List<ProfileTask> tasks = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            if (job.fixed().contains(p.name()) || !(standardErrors[i] > 0)) {
                continue;
            }
            for (int k = 0; k < gridPoints; k++) {
                double v = optimum[i] + width * standardErrors[i] * (-1 + 2.0 * k / (gridPoints - 1));
                if ((p.hasLower() && v <= p.lower()) || (p.hasUpper() && v >= p.upper())) {
                    continue; // outside the bounds: the profile stops at the bound
                }
                tasks.add(new ProfileTask(tasks.size(), p.name(), v, optimum));
            }
        }
        if (tasks.isEmpty()) {
            throw new LeibnizException("no parameter can be profiled: none has a positive standard error at the optimum");
        }
        return tasks;
    }

    /** {@code replicates} residual-bootstrap refits from {@code optimum}, replicate r seeded by {@link Seeds#of}(seed, r). */
    public static List<BootstrapTask> bootstrap(FitJob job, double[] optimum, int replicates, long seed) {
        if (replicates < 1) {
            throw new LeibnizException("--replicates must be at least 1, got " + replicates);
        }
        JobCache.compiled(job); // a bad model or data fails here, on the driver
        List<BootstrapTask> tasks = new ArrayList<>();
        for (int r = 0; r < replicates; r++) {
            tasks.add(new BootstrapTask(r, Seeds.of(seed, r), optimum));
        }
        return tasks;
    }
}
