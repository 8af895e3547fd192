package org.bertworkbench.core.job;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a training run tells a window besides its figures: the latest status line and the newest
 * completed checkpoint. The worker sets them, the window's timer reads them; nothing blocks.
 */
public abstract class RunStatus {

  private final AtomicReference<String> message = new AtomicReference<>("");
  private final AtomicReference<Path> lastCheckpoint = new AtomicReference<>();

  /** Called by the worker. */
  public void message(String text) {
    message.set(text);
  }

  /** Called by the worker when the checkpoint of {@code step} is complete in {@code dir}. */
  public void checkpoint(long step, Path dir) {
    lastCheckpoint.set(dir);
  }

  /** The latest status line. */
  public String message() {
    return message.get();
  }

  /** The newest completed checkpoint folder, or null. */
  public Path lastCheckpoint() {
    return lastCheckpoint.get();
  }
}
