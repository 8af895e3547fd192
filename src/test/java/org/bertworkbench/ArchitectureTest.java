package org.bertworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering: {@code core} is everything a user's job needs and knows nothing of windows, charts
 * or the command line; only {@code cli} talks to standard output.
 */
class ArchitectureTest {

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.bertworkbench");
  }

  @Test
  void coreKnowsNoGuiLibraryNorTheFrontDoors() {
    noClasses().that().resideInAPackage("org.bertworkbench.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "javafx..", "org.controlsfx..", "org.jfree..",
            "org.bertworkbench.gui..", "org.bertworkbench.cli..")
        .check(classes);
  }

  @Test
  void guiDoesNotUseTheCommandLine() {
    noClasses().that().resideInAPackage("org.bertworkbench.gui..")
        .should().dependOnClassesThat().resideInAPackage("org.bertworkbench.cli..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineWritesToStandardOutput() {
    noClasses().that().resideOutsideOfPackage("org.bertworkbench.cli..")
        .should().accessField(System.class, "out")
        .check(classes);
  }
}
