package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagicsTest {
  @Test
  void splitsMagicLinesFromJavaKeepingPositions() {
    String cell = "%maven org.x:y:1.0\nint x = 1;\n  %classpath lib/*.jar\nx";
    List<Magics.Part> parts = Magics.split(cell);
    assertEquals(4, parts.size());
    assertTrue(parts.get(0).magic());
    assertEquals("maven", parts.get(0).name());
    assertEquals(List.of("org.x:y:1.0"), parts.get(0).args());
    assertFalse(parts.get(1).magic());
    // same length and line breaks as the cell, everything but "int x = 1;" blanked
    assertEquals("                  \nint x = 1;\n                      \n ",
        parts.get(1).text());
    assertEquals("classpath", parts.get(2).name());
    assertEquals(List.of("lib/*.jar"), parts.get(2).args());
    assertEquals("                  \n          \n                      \nx", parts.get(3).text());
  }

  @Test
  void percentInsideJavaIsNotAMagic() {
    List<Magics.Part> parts = Magics.split("int r = 7 % 3;\nr %= 2;\nString f = \"%d\";");
    assertEquals(1, parts.size());
    assertFalse(parts.get(0).magic());
  }

  @Property(tries = 2000)
  void javaPartsKeepLengthAndLineBreaks(@ForAll @StringLength(max = 60) String code) {
    String cell = "%load a.jsh\n" + code.replace('%', 'p');
    for (Magics.Part p : Magics.split(cell)) {
      if (!p.magic()) {
        assertEquals(cell.length(), p.text().length());
        for (int i = 0; i < cell.length(); i++) {
          assertEquals(cell.charAt(i) == '\n', p.text().charAt(i) == '\n');
          assertTrue(p.text().charAt(i) == cell.charAt(i) || p.text().charAt(i) == ' ');
        }
      }
    }
  }

  @Test
  void tokenizeHonoursQuotesAndEscapes() {
    assertEquals(List.of("a", "b c", "d\"e", ""), Magics.tokenize("a \"b c\"  d\\\"e \"\""));
    assertThrows(IllegalArgumentException.class, () -> Magics.tokenize("\"open"));
  }

  @Test
  void classpathGlobs(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("lib/sub"));
    for (String f : new String[] {"lib/a.jar", "lib/b.jar", "lib/notes.txt", "lib/sub/c.jar"}) {
      Files.writeString(dir.resolve(f), "x");
    }
    assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar")),
        Magics.resolveClasspath(dir, "lib/*.jar"));
    assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar"),
        dir.resolve("lib/sub/c.jar")), Magics.resolveClasspath(dir, "lib/**.jar"));
    assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/sub/c.jar")),
        Magics.resolveClasspath(dir, "lib/a.jar" + java.io.File.pathSeparator + "lib/sub/*"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Magics.resolveClasspath(dir, "lib/*.zip"));
    assertTrue(e.getMessage().contains("no file matches lib/*.zip"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Magics.resolveClasspath(dir, "missing.jar"));
    assertTrue(e.getMessage().endsWith("missing.jar does not exist"), e.getMessage());
  }

  @Test
  void lessonJavaBlocks(@TempDir Path dir) throws Exception {
    String md = "# Lesson\n```java\nint a = 1;\n```\ntext\n```python\nno\n```\n"
        + "~~~ java\nint b = a + 1;\n~~~\n```\nplain\n```\n";
    Path lesson = dir.resolve("01-intro.md");
    Files.writeString(lesson, md);
    assertEquals("int a = 1;\n\nint b = a + 1;\n", Magics.loadableCode(lesson));
    Path jsh = dir.resolve("x.jsh");
    Files.writeString(jsh, "int c = 3;");
    assertEquals("int c = 3;", Magics.loadableCode(jsh));
  }
}
