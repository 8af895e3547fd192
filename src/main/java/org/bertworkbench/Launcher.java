package org.bertworkbench;

import javafx.application.Application;
import org.bertworkbench.cli.BertCli;
import org.bertworkbench.core.model.Engines;
import org.bertworkbench.gui.shell.WorkbenchApp;

/**
 * The jar's entry point: with no arguments the window opens, with a command it runs headless.
 * Offline mode is set before anything can start DJL.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Engines.forceOffline();
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    if (args.length == 0 || args[0].startsWith("--model=")) {
      Application.launch(WorkbenchApp.class, args);
    } else {
      System.exit(BertCli.run(args));
    }
  }
}
