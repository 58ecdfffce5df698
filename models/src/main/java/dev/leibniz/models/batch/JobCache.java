package dev.leibniz.models.batch;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parsed and compiled form of each {@link FitJob} seen by this JVM, keyed by
 * {@link FitJob#key()}. Parsing a model file and compiling its graphs costs more than many fits,
 * so an executor does it once per job and every task (on any thread: compiled programs and ODE
 * problems are immutable and thread-safe) reuses it. The cache lives as long as the JVM; jobs
 * are few and small.
 */
public final class JobCache {
    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger COMPILATIONS = new AtomicInteger();

    private JobCache() {
    }

    /**
     * A job compiled: the model, its simulator (with the job's ODE method) and the job's data
     * (null when it carries none).
     */
    public record Compiled(ModelSpec model, OdeSimulator simulator, DataSet data, String lossName) {
    }

    /** The compiled form of {@code job}, compiled now if this JVM has not seen it. */
    public static Compiled compiled(FitJob job) {
        return CACHE.computeIfAbsent(job.key(), k -> compile(job));
    }

    /** How many jobs this JVM has compiled (for tests and progress reports). */
    public static int compilations() {
        return COMPILATIONS.get();
    }

    private static Compiled compile(FitJob job) {
        COMPILATIONS.incrementAndGet();
        ModelSpec m = ModelParser.parse(job.modelName(), job.modelText());
        if (m.isAlgebraic()) {
            throw new dev.leibniz.core.LeibnizException("model " + job.modelName() + " is algebraic (no states): batch"
                    + " fits (starts, groups, profiles, bootstrap) support ODE models only for now; fit it once with"
                    + " 'leibniz fit' without --starts");
        }
        OdeSimulator sim = new OdeSimulator(m);
        if (job.method() != null) {
            sim = sim.withOptions(sim.options().withMethod(dev.leibniz.ode.Method.byName(job.method())));
        }
        DataSet d = job.dataText() == null ? null
                : m.dataReader().parse(job.dataName(), job.dataText());
        return new Compiled(m, sim, d, job.loss().strip().toLowerCase(java.util.Locale.ROOT));
    }
}
