package quantlab.tf;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;

/** The bundled Fashion-MNIST subset (3000 train, 1000 test), for short training runs. */
final class Subset {
  private static Dataset data;

  private Subset() {}

  static synchronized Dataset load() throws IOException {
    if (data == null) {
      data = FashionMnist.loader().cacheDir(Files.createTempDirectory("quantlab-it-cache"))
          .systemDirs(List.of()).download(false).notices(n -> { }).build().load();
    }
    return data;
  }
}
