package org.bertworkbench;

import javafx.application.Application;
import org.bertworkbench.cli.BertCli;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.gui.app.WorkbenchApp;

/**
 * The jar's entry point: with no arguments (or only the window's own {@code --model=},
 * {@code --text=}, {@code --text-b=}) the window opens; with a command it runs headless.
 * Offline mode is set before anything can start DJL.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Engines.forceOffline();
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    if (opensWindow(args)) {
      Application.launch(WorkbenchApp.class, args);
    } else {
      System.exit(BertCli.run(args));
    }
  }

  /** True when every argument is one of the window's {@code --name=value} options. */
  static boolean opensWindow(String[] args) {
    for (String a : args) {
      if (!(a.startsWith("--model=") || a.startsWith("--text=") || a.startsWith("--text-b="))) {
        return false;
      }
    }
    return true;
  }
}
