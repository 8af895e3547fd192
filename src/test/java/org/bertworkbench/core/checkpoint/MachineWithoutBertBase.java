package org.bertworkbench.core.checkpoint;

import java.nio.file.Path;

/**
 * Points the local Maven repository and the model cache at folders under {@code dir} (empty ones,
 * unless a test fills them) for as long as it is open: a machine without Google's BERT-Base.
 */
public final class MachineWithoutBertBase implements AutoCloseable {

  private static final String REPOSITORY = "maven.repo.local";
  private final String repository;
  private final String cache;

  public MachineWithoutBertBase(Path dir) {
    repository = System.setProperty(REPOSITORY, dir.resolve("m2").toString());
    cache = System.setProperty(EasyBertJar.CACHE_PROPERTY, dir.resolve("cache").toString());
  }

  @Override
  public void close() {
    restore(REPOSITORY, repository);
    restore(EasyBertJar.CACHE_PROPERTY, cache);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
