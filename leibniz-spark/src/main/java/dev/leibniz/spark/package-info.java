/**
 * The batch operations of {@code dev.leibniz.models.batch} on Apache Spark:
 * {@link dev.leibniz.spark.SparkEngine} returns multi-start, per-group, profile and bootstrap
 * results as {@code Dataset<Row>}, equal row for row to the local engine's. Spark is a
 * {@code provided} dependency: a cluster or the {@code leibniz} launcher supplies it.
 */
package dev.leibniz.spark;
