/**
 * The corpus jobs as Apache Spark jobs: {@code attention-stats}, {@code embed} and {@code predict}
 * over files too large for one machine, running the same core code as the single-machine commands
 * ({@link org.bertworkbench.core.analysis.HeadStatistics}, {@link
 * org.bertworkbench.core.analysis.SentenceEmbedding}, {@link org.bertworkbench.core.finetune.Predictor})
 * on each partition. A front door beside {@code cli}, above {@code core}: the entry point of {@code
 * target/bert-workbench-spark.jar} and of {@code spark-submit --class org.bertworkbench.spark.SparkMain}.
 *
 * <p>Input lines are read as raw bytes with their true file and line number, so that a malformed
 * line (not UTF-8, too long, a missing column) is skipped, counted and listed rather than silently
 * replaced; the model is loaded once per executor JVM ({@link ExecutorModels}).
 */
package org.bertworkbench.spark;
