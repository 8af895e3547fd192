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
}
