package quantlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notebooks committed under notebooks/ are exactly what the lessons under lessons/ make. */
class CommittedNotebooksTest {

  @Test
  void notebooksAreCurrent() throws Exception {
    LessonBook book = LessonBook.read(Path.of("lessons"));
    List<Path> stale = book.staleNotebooks(Path.of("notebooks"));
    assertEquals(List.of(), stale,
        "notebooks differ from their lesson sources: run ./quantlab lessons generate");
  }
}
