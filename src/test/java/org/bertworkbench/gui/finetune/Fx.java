package org.bertworkbench.gui.finetune;

import java.util.concurrent.Callable;
import org.testfx.api.FxRobot;

/** Reads state on the FX thread from a test thread. */
final class Fx {

  private Fx() {}

  static <T> T call(FxRobot robot, Callable<T> read) {
    Object[] out = new Object[1];
    robot.interact(() -> {
      try {
        out[0] = read.call();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    @SuppressWarnings("unchecked")
    T t = (T) out[0];
    return t;
  }
}
