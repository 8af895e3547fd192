package org.bertworkbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's "Start it on a text with {@code --text=...}": those arguments open the window, a command does not. */
class LauncherTest {

  @Test
  void theWindowsOwnOptionsOpenTheWindowAndACommandRunsHeadless() {
    assertTrue(Launcher.opensWindow(new String[0]));
    assertTrue(Launcher.opensWindow(new String[] {"--text=Paris is the [MASK] of France."}));
    assertTrue(Launcher.opensWindow(new String[] {"--model=bert-base-cased", "--text=A", "--text-b=B"}));
    assertFalse(Launcher.opensWindow(new String[] {"fill-mask", "--text=Paris is the [MASK] of France."}));
    assertTrue(Launcher.opensWindow(Launcher.joinLang(new String[] {"--lang", "ja", "--model=bert-base-cased"})));
    assertEquals("ja", Launcher.languageOf(Launcher.joinLang(new String[] {"--lang", "ja"})));
    assertEquals("en", Launcher.languageOf(new String[] {"--lang=en"}));
    assertTrue(Launcher.opensWindow(new String[] {"--lang=ja", "--lesson=embeddings"}));
    assertFalse(Launcher.opensWindow(new String[] {"--text", "Paris"}), "the window takes only --name=value");
  }

  /**
   * A machine with no display (or no GTK 3: a fresh server or container) gets one line saying what
   * the window needs and that the jobs run without it, and exit status 1, not JavaFX's stack trace.
   */
  @Test
  void withNoDisplayTheWindowSaysWhatItNeedsInOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path log = dir.resolve("out.txt");
    ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.bertworkbench.Launcher",
        "--lang=en").redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    pb.environment().put("DJL_OFFLINE", "true");
    Process p = pb.start();
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the launcher ends");
    String out = java.nio.file.Files.readString(log);
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("error: the window cannot open (") && out.contains("sudo apt-get install libgtk-3-0")
        && out.contains("see --help"), out);
    assertFalse(out.contains("\tat "), "no stack trace: " + out);
  }
}
