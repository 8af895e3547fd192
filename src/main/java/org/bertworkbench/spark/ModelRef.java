package org.bertworkbench.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The model a job's tasks open, as each executor finds it: a known name ({@code sample-tiny},
 * {@code bert-base-uncased}: each JVM resolves it as the single-machine commands do), a folder on
 * storage every node sees (a path given as it is), or a folder the driver shipped to every executor
 * with {@code SparkContext.addFile} (found there with {@code SparkFiles.get}): a local folder, a
 * folder on a Hadoop file system, or a known model the driver wrote as a folder to ship it.
 *
 * @param given what --model said
 * @param shipped the name under which the folder was shipped, or null
 */
record ModelRef(String given, String shipped) implements Serializable {

  /** How the model folder reaches the executors. */
  enum Ship {
    /** Ship a local folder when the master is not local; a URI (hdfs://...) always; a name never. */
    AUTO,
    /** Ship the folder (a local folder or a URI) even in local mode. */
    YES,
    /** Never: the path is the same on every node (shared storage), or it is a known name. */
    NO
  }

  /**
   * Where the executors will find {@code given}: shipped with {@code addFile} (recursively, a
   * folder) when {@code ship} says so, else as it is.
   */
  static ModelRef of(JavaSparkContext sc, String given, Ship ship, boolean localMaster) {
    boolean uri = isUri(given);
    boolean folder = uri || Files.isDirectory(Path.of(given));
    if (!folder || !sends(ship, uri, localMaster)) {
      return new ModelRef(folder ? Path.of(given).toAbsolutePath().toString() : given, null);
    }
    return shipFolder(sc, given, uri ? given : Path.of(given).toAbsolutePath().toUri().toString());
  }

  /** Whether the model goes to the executors with addFile. */
  static boolean sends(Ship ship, boolean uri, boolean localMaster) {
    return switch (ship) {
      case YES -> true;
      case NO -> false;
      case AUTO -> uri || !localMaster;
    };
  }

  /** Whether {@code given} is a URI such as {@code hdfs://nn/models/bert}. */
  static boolean isUri(String given) {
    return given.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  /** Ships the folder at {@code source} (a URI) to every executor, recursively; {@code given} is what --model said. */
  static ModelRef shipFolder(JavaSparkContext sc, String given, String source) {
    sc.sc().addFile(source, true);
    String name = source.replaceAll("/+$", "");
    return new ModelRef(given, name.substring(name.lastIndexOf('/') + 1));
  }

  /** The name or local path to open in this JVM (on an executor, or on the driver). */
  String location() {
    return shipped == null ? given : SparkFiles.get(shipped);
  }
}
