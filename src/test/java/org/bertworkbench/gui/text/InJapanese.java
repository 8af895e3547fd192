package org.bertworkbench.gui.text;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(InJapanese.class)}: the test class runs with the window's language Japanese,
 * and English again after it (every other test expects English).
 */
public final class InJapanese implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    Language.use(Language.JA);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Language.use(Language.EN);
  }
}
