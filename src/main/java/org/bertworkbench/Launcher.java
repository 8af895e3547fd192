package org.bertworkbench;

import javafx.application.Application;
import org.bertworkbench.cli.BertCli;
import org.bertworkbench.core.natives.TorchNatives;
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
    // Why the GPU build runs on its CPU natives, and natives being unpacked: said once, when the engine starts.
    TorchNatives.onNote(note -> System.err.println("note: " + note.english()));
    args = joinLang(args);
    if (opensWindow(args)) {
      String lang = languageOf(args);
      if (lang != null && Language.of(lang).isEmpty()) {
        System.err.println("error: --lang takes en or ja, not '" + lang + "'");
        System.exit(2);
      }
      try {
        Application.launch(WorkbenchApp.class, args);
      } catch (UnsupportedOperationException | UnsatisfiedLinkError e) {
        // JavaFX without GTK 3 or without a display: a fresh server or container. One line, no trace.
        System.err.println(cannotOpenWindow(e));
        System.exit(1);
      }
    } else {
      System.exit(BertCli.run(args));
    }
  }

  /** What a user reads when the window cannot open at all (no GTK 3, no display), and what to do. */
  static String cannotOpenWindow(Throwable e) {
    return "error: the window cannot open (" + org.bertworkbench.core.job.UserMessages.of(e) + "): it needs a display "
        + "and GTK 3 (on Debian/Ubuntu: sudo apt-get install libgtk-3-0); every job also runs without a window, "
        + "see --help";
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
