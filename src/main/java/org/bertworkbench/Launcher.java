package org.bertworkbench;

import javafx.application.Application;
import org.bertworkbench.cli.BertCli;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.gui.app.WorkbenchApp;
import org.bertworkbench.gui.text.Language;

/**
 * The jar's entry point: with no arguments (or only the window's own {@code --model=},
 * {@code --text=}, {@code --text-b=}, {@code --lang=en|ja}, {@code --lesson=ID}) the window opens; with a command it runs headless.
 * Offline mode is set before anything can start DJL.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Engines.forceOffline();
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    args = joinLang(args);
    if (opensWindow(args)) {
      String lang = languageOf(args);
      if (lang != null && Language.of(lang).isEmpty()) {
        System.err.println("error: --lang takes en or ja, not '" + lang + "'");
        System.exit(2);
      }
      Application.launch(WorkbenchApp.class, args);
    } else {
      System.exit(BertCli.run(args));
    }
  }

  /** {@code --lang ja} as {@code --lang=ja}, the form the window's parameters take. */
  static String[] joinLang(String[] args) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--lang") && i + 1 < args.length) {
        out.add("--lang=" + args[++i]);
      } else {
        out.add(args[i]);
      }
    }
    return out.toArray(String[]::new);
  }

  /** The value of {@code --lang=}, or null. */
  static String languageOf(String[] args) {
    for (String a : args) {
      if (a.startsWith("--lang=")) {
        return a.substring("--lang=".length());
      }
    }
    return null;
  }

  /** True when every argument is one of the window's {@code --name=value} options. */
  static boolean opensWindow(String[] args) {
    for (String a : args) {
      if (!(a.startsWith("--model=") || a.startsWith("--text=") || a.startsWith("--text-b=")
          || a.startsWith("--lang=") || a.startsWith("--lesson="))) {
        return false;
      }
    }
    return true;
  }
}
