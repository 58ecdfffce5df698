package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.data.DataFileException;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.OdeModel;
import dev.leibniz.models.spec.Parameter;
import dev.leibniz.ode.SensitivityMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Fits a model's parameters to data. The defaults make the common case one line:
 *
 * <pre>
 *   FitResult r = Calibrator.of(simulator, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS).fit();
 * </pre>
 *
 * <ul>
 *   <li>every data column must be an observable of the model (a state or an output), and its
 *       observations admissible for the loss (positive for logs);</li>
 *   <li>all parameters are fitted from their initial guesses unless {@link #fix fixed} or
 *       started elsewhere ({@link #start}); bounds are honoured by reparameterization
 *       ({@link ParameterTransform});</li>
 *   <li>the optimizer defaults to {@link LevenbergMarquardt} for least-squares losses with at
 *       most {@link #LM_MAX_PARAMETERS} fitted parameters and {@link LbfgsOptimizer}
 *       otherwise ({@link #optimizer}, {@link #maxIterations}); derivatives come from forward
 *       sensitivities or an adjoint as {@link SensitivityMethod#AUTO} decides ({@link #resolve}).</li>
 * </ul>
 *
 * Calibration is deterministic: the same inputs give the same {@link FitResult}.
 *
 * <p><b>Progress and stopping.</b> {@link #onIteration} reports every iteration of any
 * optimizer; {@link #stopWhen} (or interrupting the thread that runs {@link #fit}) ends the fit
 * early with the best parameters found so far ({@code converged = false}, reason
 * {@code "interrupted"}); {@link #bestSoFar} may be read from any thread while the fit runs —
 * say, by a shutdown hook that saves the parameters on Ctrl-C. Otherwise a calibrator is a
 * builder for one thread.
 */
public final class Calibrator {
    private final Simulator simulator;
    private final DataSet data;
    private Loss loss = Losses.SUM_OF_SQUARES;
    private final Map<String, Double> weights = new HashMap<>();
    private final Set<String> fixed = new LinkedHashSet<>();
    private final Map<String, Double> starts = new HashMap<>();
    private Optimizer optimizer;
    private SensitivityMethod sensitivity = SensitivityMethod.AUTO;
    private int maxIterations;
    private ProgressListener listener;
    private BooleanSupplier stopRequested;
    private volatile Progress latest;

    private Calibrator(Simulator simulator, DataSet data) {
        this.simulator = simulator;
        this.data = data;
    }

    /**
     * A calibrator of a model's parameters against {@code data}: an ODE model is solved by ad-ode
     * with {@link OdeSimulator#DEFAULT_OPTIONS}; an algebraic model file (no states) is evaluated
     * row by row ({@link AlgebraicSimulator}), its input columns read from the data and its
     * output columns fitted.
     */
    public static Calibrator of(OdeModel model, DataSet data) {
        if (model == null) {
            throw new LeibnizException("a calibration needs a model, got null");
        }
        if (model instanceof dev.leibniz.models.spec.ModelSpec spec && spec.isAlgebraic() && data != null) {
            return of(AlgebraicSimulator.forData(spec, data), AlgebraicSimulator.observed(spec, data));
        }
        return of(new OdeSimulator(model), data);
    }

    /** A calibrator of {@code simulator}'s parameters against {@code data}. */
    public static Calibrator of(Simulator simulator, DataSet data) {
        if (simulator == null || data == null) {
            throw new LeibnizException("a calibration needs a model and data, got " + simulator + " and " + data);
        }
        return new Calibrator(simulator, data);
    }

    public Calibrator loss(Loss l) {
        this.loss = l;
        return this;
    }

    /** Multiplies the loss terms of one data column by {@code w} ≥ 0 (default 1). */
    public Calibrator weight(String column, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new LeibnizException("weight of column '" + column + "' must be finite and >= 0, got " + w);
        }
        weights.put(column, w);
        return this;
    }

    /** Holds a parameter at its initial (or {@link #start}) value. */
    public Calibrator fix(String... names) {
        fixed.addAll(Arrays.asList(names));
        return this;
    }

    /** Starts a parameter from {@code value} instead of its initial guess. */
    public Calibrator start(String name, double value) {
        starts.put(name, value);
        return this;
    }

    /** Starts all parameters from {@code values} (model order). */
    public Calibrator start(double[] values) {
        List<Parameter> ps = simulator.parameters();
        if (values.length != ps.size()) {
            throw new LeibnizException("start needs " + ps.size() + " values " + names(ps) + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            starts.put(ps.get(i).name(), values[i]);
        }
        return this;
    }

    public Calibrator optimizer(Optimizer o) {
        this.optimizer = o;
        return this;
    }

    public Calibrator sensitivity(SensitivityMethod m) {
        this.sensitivity = m;
        return this;
    }

    /** The objective the optimizer will see (for inspection and testing). */
    public Objective objective() {
        return setup().objective;
    }

    /** Runs the calibration. */
    public FitResult fit() {
        Setup s = setup();
        Objective f = s.objective;
        Optimizer.Optimization o = optimize(s);
        double[] theta = f.theta(o.point());
        int[] free = s.free;
        boolean[] atBound = new boolean[theta.length];
        List<Integer> interior = new ArrayList<>();
        for (int i : free) {
            atBound[i] = ParameterTransform.of(simulator.parameters().get(i)).atBound(theta[i]);
            if (!atBound[i]) {
                interior.add(i);
            }
        }
        // a parameter at a bound is held there by the bound, not by the data: the standard errors
        // are those of the others given it (its column left out), and it gets none
        int[] estimated = interior.stream().mapToInt(Integer::intValue).toArray();
        Assessment a = loss.isLeastSquares() ? leastSquaresAssessment(f, theta, free, estimated)
                : generalAssessment(s, theta, estimated);
        double g2 = 0;
        for (int i : free) {
            g2 += a.gradient[i] * a.gradient[i];
        }
        boolean[] isFitted = new boolean[theta.length];
        for (int i : free) {
            isFitted[i] = true;
        }
        // read after the assessment: its simulations count too
        return FitResult.builder()
                .parameterNames(names(simulator.parameters())).values(theta).fitted(isFitted)
                .standardErrors(a.standardErrors).covariance(a.covariance).atBound(atBound).conditionNumber(a.conditionNumber)
                .loss(a.loss).lossName(loss.name()).observations(f.residualCount()).lossHistory(o.lossHistory())
                .gradientNorm(Math.sqrt(g2))
                .optimizer(s.optimizer.name()).iterations(o.iterations()).simulations(f.simulations())
                .convergence(o.converged(), o.reason())
                .sensitivity(s.method)
                .build();
    }

    /**
     * Runs the optimizer from the starting point in free coordinates, reporting progress through
     * a {@link Monitor}; a stop request (or an interrupt) ends it with the best point so far.
     */
    private Optimizer.Optimization optimize(Setup s) {
        Objective f = s.objective;
        double[] u0 = f.free(s.theta0);
        latest = null;
        Monitor monitor = new Monitor(f, names(simulator.parameters()), listener, stopRequested, p -> latest = p);
        try {
            return s.optimizer.minimize(f, u0, monitor);
        } catch (Monitor.Stop stop) {
            return monitor.interrupted();
        }
    }

    /**
     * The loss, its gradient and the standard errors at the fitted point, all in model
     * coordinates θ (the optimizer worked in free coordinates); a standard error is NaN for a
     * fixed parameter and wherever none can be given.
     */
    private record Assessment(double loss, double[] gradient, double[] standardErrors, double[][] covariance,
            double conditionNumber) {
    }

    /**
     * For a sum of squares from one residual evaluation with its Jacobian J: L = Σr²,
     * ∇L = 2Jᵀr, and standard errors from (J_estᵀ J_est)⁻¹ scaled by s² = L / (n − estimated),
     * over the fitted parameters not at a bound (NaN without a residual degree of freedom), with
     * the condition number of J_est's scaled columns.
     */
    private Assessment leastSquaresAssessment(Objective f, double[] theta, int[] free, int[] estimated) {
        int n = f.residualCount();
        double[][] jac = new double[n][theta.length];
        double[] r = f.residualsInTheta(theta, jac);
        if (r == null) {
            throw new LeibnizException("the model cannot be simulated at the fitted parameters");
        }
        double finalLoss = 0;
        for (double x : r) {
            finalLoss += x * x;
        }
        double[] gradient = new double[theta.length];
        for (int q = 0; q < n; q++) {
            for (int p = 0; p < theta.length; p++) {
                gradient[p] += 2 * r[q] * jac[q][p];
            }
        }
        double[][] jEst = columns(jac, estimated);
        double[][] covEst = StandardErrors.covariance(jEst,
                n > estimated.length ? finalLoss / (n - estimated.length) : Double.NaN);
        return new Assessment(finalLoss, gradient, spread(diagonalRoots(covEst), estimated, theta.length),
                spread(covEst, estimated, theta.length), StandardErrors.scaledConditionNumber(jEst));
    }

    /**
     * For another loss (a deviance): value and gradient from the objective, and standard errors
     * from the Fisher information when forward sensitivities give its Jacobian; an adjoint gives
     * only the gradient, so no standard errors then.
     */
    private Assessment generalAssessment(Setup s, double[] theta, int[] estimated) {
        Objective f = s.objective;
        double[] gradient = new double[theta.length];
        double finalLoss = f.valueAndGradientInTheta(theta, gradient);
        double[][] covEst = null;
        double condition = Double.NaN;
        if (s.method == SensitivityMethod.FORWARD) {
            double[][] fisher = f.fisherJacobian(theta);
            if (fisher != null) {
                double[][] jEst = columns(fisher, estimated);
                covEst = StandardErrors.covariance(jEst, 1.0);
                condition = StandardErrors.scaledConditionNumber(jEst);
            }
        }
        return new Assessment(finalLoss, gradient, spread(covEst == null ? null : diagonalRoots(covEst), estimated,
                theta.length), spread(covEst, estimated, theta.length), condition);
    }

    /** The fitted parameters' values {@code ofFree} (null: none) placed at their model indices, NaN elsewhere. */
    private static double[] spread(double[] ofFree, int[] free, int size) {
        double[] all = new double[size];
        Arrays.fill(all, Double.NaN);
        if (ofFree != null) {
            for (int i = 0; i < free.length; i++) {
                all[free[i]] = ofFree[i];
            }
        }
        return all;
    }

    /** The standard errors √Cov_ii: the same numbers {@link StandardErrors#of} gives. */
    private static double[] diagonalRoots(double[][] cov) {
        double[] se = new double[cov.length];
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(cov[i][i]);
        }
        return se;
    }

    /**
     * A covariance over the estimated parameters ({@code ofFree}, null: none) placed at their
     * model indices; rows and columns of fixed and bound-active parameters are NaN.
     */
    private static double[][] spread(double[][] ofFree, int[] free, int size) {
        double[][] all = new double[size][size];
        for (double[] row : all) {
            Arrays.fill(row, Double.NaN);
        }
        if (ofFree != null) {
            for (int i = 0; i < free.length; i++) {
                for (int j = 0; j < free.length; j++) {
                    all[free[i]][free[j]] = ofFree[i][j];
                }
            }
        }
        return all;
    }

    private static double[][] columns(double[][] m, int[] cols) {
        double[][] out = new double[m.length][cols.length];
        for (int q = 0; q < m.length; q++) {
            for (int i = 0; i < cols.length; i++) {
                out[q][i] = m[q][cols[i]];
            }
        }
        return out;
    }

    private record Setup(Objective objective, Optimizer optimizer, SensitivityMethod method, double[] theta0, int[] free) {
    }

    /**
     * The starting point in model coordinates θ₀ (every parameter), the indices of the fitted
     * ones, and the reparameterization of each fitted one.
     */
    private record StartingPoint(double[] theta0, int[] free, ParameterTransform[] transforms) {
    }

    /**
     * Checks the configuration against the model and the data, and builds what the fit runs:
     * the starting point, the objective over the observed cells, the optimizer and the
     * sensitivity method. Every check is made before anything is simulated.
     */
    private Setup setup() {
        StartingPoint start = startingPoint();
        int[] columns = observableColumns();
        double[] w = columnWeights();
        if (data.time(0) < simulator.startTime()) {
            throw new DataFileException(data.name(), data.line(0), data.timeColumn(), "the data begin at t = "
                    + data.time(0) + ", before the model's initial time t0 = " + simulator.startTime());
        }
        double[][] obs = observations(w);
        Optimizer opt = optimizerFor(start.free.length);
        SensitivityMethod method = resolve(sensitivity, start.free.length, simulator.stateCount(), opt.needsLeastSquares());
        if (method != SensitivityMethod.FORWARD && opt.needsLeastSquares()) {
            throw new LeibnizException(opt.name() + " needs the full Jacobian, which the adjoint method does not give;"
                    + " use FORWARD sensitivities or a gradient-based optimizer");
        }
        Objective objective = new Objective(simulator.withSensitivity(method), start.theta0, start.free,
                start.transforms, data.times(), columns, obs, w, loss, method != SensitivityMethod.FORWARD);
        if (objective.residualCount() == 0) {
            throw new DataFileException(data.name(), 0, null, "no usable observations (all weights are zero)");
        }
        return new Setup(objective, opt, method, start.theta0, start.free);
    }

    /**
     * θ₀ from the {@link #start} values or the initial guesses, and the fitted parameters (those
     * not {@link #fix fixed}), each of whose start must lie strictly inside its bounds (the
     * reparameterization maps the open interval). Names given to fix are checked first, names
     * given to start after the bounds, and at least one parameter must be left to fit.
     */
    private StartingPoint startingPoint() {
        List<Parameter> ps = simulator.parameters();
        List<String> pnames = names(ps);
        for (String name : fixed) {
            if (!pnames.contains(name)) {
                throw new LeibnizException("cannot fix '" + name + "': the model's parameters are " + pnames);
            }
        }
        double[] theta0 = new double[ps.size()];
        List<Integer> freeList = new ArrayList<>();
        List<ParameterTransform> transforms = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            theta0[i] = starts.getOrDefault(p.name(), p.initial());
            ParameterTransform tr = ParameterTransform.of(p);
            if (!fixed.contains(p.name())) {
                if (!tr.contains(theta0[i])) {
                    throw new LeibnizException("the start value " + theta0[i] + " of '" + p.name()
                            + "' is not strictly inside its bounds [" + p.lower() + ", " + p.upper() + "]");
                }
                freeList.add(i);
                transforms.add(tr);
            }
        }
        for (String name : starts.keySet()) {
            if (!pnames.contains(name)) {
                throw new LeibnizException("cannot start '" + name + "': the model's parameters are " + pnames);
            }
        }
        if (freeList.isEmpty()) {
            throw new LeibnizException("every parameter is fixed; nothing to fit");
        }
        return new StartingPoint(theta0, freeList.stream().mapToInt(Integer::intValue).toArray(),
                transforms.toArray(new ParameterTransform[0]));
    }

    /** For each data column, its index among the simulator's observables; a column that is none is a data error. */
    private int[] observableColumns() {
        List<String> observables = simulator.observableNames();
        int[] columns = new int[data.columnCount()];
        for (int c = 0; c < columns.length; c++) {
            String col = data.columns().get(c);
            columns[c] = observables.indexOf(col);
            if (columns[c] < 0) {
                throw new DataFileException(data.name(), 0, col, "is not a state or output of the model (observable: "
                        + String.join(", ", observables) + ")");
            }
        }
        return columns;
    }

    /** The weight of each data column (default 1); a weight given for a column the data lack is an error. */
    private double[] columnWeights() {
        double[] w = new double[data.columnCount()];
        for (int c = 0; c < w.length; c++) {
            w[c] = weights.getOrDefault(data.columns().get(c), 1.0);
        }
        for (String col : weights.keySet()) {
            if (data.columnIndex(col) < 0) {
                throw new LeibnizException("weight given for column '" + col + "', which the data do not have "
                        + data.columns());
            }
        }
        return w;
    }

    /**
     * The observed values, row by row, with NaN for a missing cell and for every cell of a
     * zero-weight column (a zero weight drops the column, so its cells are not checked). Each
     * kept observation must be admissible for the loss (positive for logs, say).
     */
    private double[][] observations(double[] w) {
        int m = w.length;
        double[][] obs = new double[data.rowCount()][m];
        for (int k = 0; k < data.rowCount(); k++) {
            for (int c = 0; c < m; c++) {
                obs[k][c] = data.value(k, c);
                if (!Double.isNaN(obs[k][c]) && w[c] > 0) {
                    String problem = loss.checkObservation(obs[k][c]);
                    if (problem != null) {
                        throw new DataFileException(data.name(), data.line(k), data.columns().get(c), problem);
                    }
                }
                if (w[c] == 0) {
                    obs[k][c] = Double.NaN; // a zero weight drops the column
                }
            }
        }
        return obs;
    }

    /**
     * The optimizer given, or the default for the loss and the number of fitted parameters, with
     * the {@link #maxIterations} limit applied; one that needs least squares refuses other losses.
     */
    private Optimizer optimizerFor(int fitted) {
        // Levenberg–Marquardt needs the full Jacobian (P forward-sensitivity lanes); beyond a few
        // dozen parameters a gradient method with an adjoint is cheaper per iteration. An algebraic
        // model's residuals are exact to rounding, so its fits go to full double precision with the
        // geodesic LM; an ODE solution carries the solver's error (1e-10), which Hipparchus' LM
        // tolerances already match, at one model solve less per iteration
        Optimizer opt = optimizer != null ? optimizer
                : loss.isLeastSquares() && fitted <= LM_MAX_PARAMETERS
                        ? (simulator instanceof AlgebraicSimulator ? new GeodesicLevenbergMarquardt() : new LevenbergMarquardt())
                : new LbfgsOptimizer();
        if (maxIterations > 0) {
            opt = opt.withMaxIterations(maxIterations);
        }
        if (opt.needsLeastSquares() && !loss.isLeastSquares()) {
            throw new LeibnizException(opt.name() + " needs a sum-of-squares loss, but the loss is the " + loss.name()
                    + "; use a gradient-based optimizer such as L-BFGS");
        }
        return opt;
    }

    /** Above this many fitted parameters the default optimizer is gradient-based rather than Levenberg–Marquardt. */
    public static final int LM_MAX_PARAMETERS = 50;

    /** Above this many sensitivity lanes (fitted parameters + states) AUTO picks an adjoint. */
    public static final int ADJOINT_THRESHOLD = 16;

    /**
     * The rule of {@link SensitivityMethod#AUTO}: forward sensitivities when the optimizer needs
     * the full Jacobian, or when the lanes they integrate (p + n, each about one evaluation of f
     * per stage) are few; otherwise the discrete adjoint, whose cost (3–4 solves) does not grow
     * with p. ad-ode has a discrete adjoint for every method, explicit, implicit and AUTO's switch,
     * and it measured cheaper than the continuous adjoint on the stiff problems too (docs/ode.md).
     */
    static SensitivityMethod resolve(SensitivityMethod requested, int parameters, int states, boolean jacobianNeeded) {
        if (requested != SensitivityMethod.AUTO) {
            return requested;
        }
        if (jacobianNeeded || parameters + states <= ADJOINT_THRESHOLD) {
            return SensitivityMethod.FORWARD;
        }
        return SensitivityMethod.DISCRETE_ADJOINT;
    }

    private static List<String> names(List<Parameter> ps) {
        return ps.stream().map(Parameter::name).toList();
    }

    /**
     * The iteration limit of the optimizer, whichever it is (default: the optimizer's own).
     * What counts as an iteration is the optimizer's (see {@link ProgressListener}).
     */
    public Calibrator maxIterations(int n) {
        Optimizers.checkIterations("calibration", n);
        this.maxIterations = n;
        return this;
    }

    /**
     * Calls {@code l} on the fitting thread after every iteration, starting with iteration 0 (the
     * start); null for none.
     */
    public Calibrator onIteration(ProgressListener l) {
        this.listener = l;
        return this;
    }

    /**
     * Asks the fit to stop when {@code stop} returns true (checked after every iteration and
     * before every simulation); the result then holds the best parameters so far, with
     * {@code converged = false} and reason {@code "interrupted"}. Interrupting the fitting thread
     * has the same effect. The supplier is called from the fitting thread, so a flag it reads
     * must be volatile (an {@link java.util.concurrent.atomic.AtomicBoolean}, say).
     */
    public Calibrator stopWhen(BooleanSupplier stop) {
        this.stopRequested = stop;
        return this;
    }

    /**
     * The latest progress of the running (or last) fit, with the best parameters so far; null
     * before the first iteration has been reported. Safe to call from any thread: the snapshot
     * is immutable and published through a volatile field.
     */
    public Progress bestSoFar() {
        return latest;
    }
}
