package org.bertworkbench.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import picocli.CommandLine.Option;

/**
 * The input files of a corpus job and how their lines are checked. Each file is read through
 * Hadoop's line reader as raw bytes (split across executors as Hadoop splits it, {@code \n} the
 * only line end), numbered with {@code zipWithIndex} so that every line keeps its true number in
 * its own file, and checked by {@link InputLine#parse}.
 */
final class CorpusInput {

  /** The longest line read unless asked otherwise: 64 KiB (a BERT input is at most 512 word pieces). */
  static final int DEFAULT_MAX_LINE_BYTES = 64 << 10;

  @Option(names = "--input", required = true, paramLabel = "PATH", split = ",",
      description = "input files: local paths, hdfs://..., a folder (its files) or a glob; repeat or separate "
          + "with commas. UTF-8, one input per line")
  List<String> inputs;

  @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_LINE_BYTES,
      description = "a longer line is bad (default: ${DEFAULT-VALUE})")
  int maxLineBytes;

  @Option(names = "--bad-lines", paramLabel = "DIR",
      description = "where to list the bad lines (file, line, problem) as JSON lines (default: OUTPUT/_bad-lines "
          + "when there is an --output)")
  String badLines;

  @Option(names = "--fail-on-bad-lines",
      description = "stop the job, before any model runs, when a line is bad (default: skip, count and list it)")
  boolean failOnBadLines;

  @Option(names = "--partitions", paramLabel = "N",
      description = "spread the lines over N partitions (default: one per file split)")
  Integer partitions;

  /** The checked lines of every input file, good, blank and bad. */
  JavaRDD<InputLine> read(JavaSparkContext sc, InputLine.Layout layout) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("--max-line-bytes must be at least 1, got " + maxLineBytes);
    }
    if (partitions != null && partitions < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
    }
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    conf.set("textinputformat.record.delimiter", "\n");
    int max = maxLineBytes;
    JavaRDD<InputLine> all = null;
    for (Path file : files(conf)) {
      String name = displayName(file);
      JavaRDD<byte[]> raw = sc.newAPIHadoopFile(file.toString(), TextInputFormat.class, LongWritable.class,
          Text.class, conf).map(t -> Arrays.copyOf(t._2().getBytes(), t._2().getLength())); // the reader reuses its Text
      JavaRDD<InputLine> lines = raw.zipWithIndex()
          .map(t -> InputLine.parse(name, t._2() + 1, t._1(), max, layout));
      all = all == null ? lines : all.union(lines);
    }
    return partitions == null ? all : all.repartition(partitions);
  }

  /** Every file the inputs name: a file, a folder's visible files, a glob's matches; refused when none. */
  List<Path> files(Configuration conf) {
    List<Path> out = new ArrayList<>();
    for (String input : inputs) {
      Path path = new Path(input);
      try {
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
          throw new BadInputException(Message.of(CorpusInput.class, "Input.noSuchFile", input));
        }
        for (FileStatus match : matches) {
          if (match.isDirectory()) {
            FileStatus[] children = fs.listStatus(match.getPath());
            Arrays.sort(children);
            for (FileStatus child : children) {
              String n = child.getPath().getName();
              if (child.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
                out.add(child.getPath());
              }
            }
          } else {
            out.add(match.getPath());
          }
        }
      } catch (FileNotFoundException e) {
        throw new BadInputException(Message.of(CorpusInput.class, "Input.noSuchFile", input));
      } catch (IOException e) {
        throw new BadInputException(Message.of(CorpusInput.class, "Input.cannotRead", input,
            Message.verbatim(e.getMessage())), e);
      }
    }
    if (out.isEmpty()) {
      throw new BadInputException(Message.of(CorpusInput.class, "Input.noFiles", String.join(", ", inputs)));
    }
    return out;
  }

  /** A local file as its path, any other as its URI. */
  static String displayName(Path file) {
    return "file".equals(file.toUri().getScheme()) ? file.toUri().getPath() : file.toString();
  }
}
