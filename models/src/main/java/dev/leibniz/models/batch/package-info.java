/**
 * Many fits of one model, engine-neutral: a {@link dev.leibniz.models.batch.FitJob} (model text,
 * data, options: serialisable) and a list of {@link dev.leibniz.models.batch.FitTask}s made by
 * {@link dev.leibniz.models.batch.Tasks} — multi-start, per-group, profile likelihood, residual
 * bootstrap — run by a {@link dev.leibniz.models.batch.BatchEngine} into one
 * {@link dev.leibniz.models.batch.TaskResult} row per task. {@link dev.leibniz.models.batch.LocalEngine}
 * is a thread pool; module leibniz-spark adds Apache Spark. Every engine runs each task through
 * {@link dev.leibniz.models.batch.TaskRunner}, and tasks carry all their randomness as seeds, so
 * the rows are the same bit for bit on every engine.
 */
package dev.leibniz.models.batch;
