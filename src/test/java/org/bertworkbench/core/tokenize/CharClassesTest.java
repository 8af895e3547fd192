package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The character classes, after tokenization_test.py, and where we follow Hugging Face. */
class CharClassesTest {

  @Test
  void whitespace() {
    for (int cp : new int[] {' ', '\t', '\r', '\n', 0x00A0, 0x2003, 0x3000}) {
      assertTrue(CharClasses.isWhitespace(cp), Integer.toHexString(cp));
    }
    for (int cp : new int[] {'A', '-', 0x200B, 0x0085}) {
      assertFalse(CharClasses.isWhitespace(cp), Integer.toHexString(cp));
    }
  }

  @Test
  void lineAndParagraphSeparatorsAreWhitespaceAsInHuggingFace() {
    assertTrue(CharClasses.isWhitespace(0x2028));
    assertTrue(CharClasses.isWhitespace(0x2029));
  }

  @Test
  void control() {
    for (int cp : new int[] {0x0005, 0x007F, 0x0085, 0x200B, 0x00AD, 0xFEFF, 0xE000}) {
      assertTrue(CharClasses.isControl(cp), Integer.toHexString(cp));
    }
    for (int cp : new int[] {'A', ' ', '\t', '\r', '\n', 0x1F4A9}) {
      assertFalse(CharClasses.isControl(cp), Integer.toHexString(cp));
    }
  }

  @Test
  void unassignedCodePointsAreKeptAsInHuggingFace() {
    assertFalse(CharClasses.isControl(0x0378));
    assertFalse(CharClasses.isRemovedByCleaning(0x0378));
    assertTrue(CharClasses.isRemovedByCleaning(0));
    assertTrue(CharClasses.isRemovedByCleaning(0xFFFD));
  }

  @Test
  void punctuation() {
    for (int cp : new int[] {'-', '$', '`', '.', '~', '^', 0x00BF, 0x3002, 0x2014, 0x00AB}) {
      assertTrue(CharClasses.isPunctuation(cp), Integer.toHexString(cp));
    }
    for (int cp : new int[] {'A', ' ', 0x00A9, 0x20AC, 0x2211}) {
      assertFalse(CharClasses.isPunctuation(cp), Integer.toHexString(cp));
    }
  }

  @Test
  void cjkRangesAreHuggingFaces() {
    assertTrue(CharClasses.isCjkIdeograph(0x4E2D));
    assertTrue(CharClasses.isCjkIdeograph(0x20000));
    assertTrue(CharClasses.isCjkIdeograph(0xF900));
    assertFalse(CharClasses.isCjkIdeograph(0x3042), "hiragana");
    assertFalse(CharClasses.isCjkIdeograph(0xD55C), "hangul");
    assertFalse(CharClasses.isCjkIdeograph(0x2B820), "Google counts it, Hugging Face does not");
    assertTrue(CharClasses.isCjkIdeograph(0x2B920));
  }
}
