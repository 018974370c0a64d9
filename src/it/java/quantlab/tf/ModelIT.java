package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantlab.data.Dataset;
import quantlab.quant.Range;

class ModelIT {
  static Model model;
  static Dataset data;
  @TempDir Path tmp;

  @BeforeAll
  static void train() throws Exception {
    data = Subset.load();
    model = Trainer.builder().epochs(2).seed(3).build().train(Architecture.MLP, data.train(),
        null);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void weightsWrittenAreReadBack() {
    Weights w = model.weights("dense2_kernel");
    float[] doubled = w.values().clone();
    for (int i = 0; i < doubled.length; i++) {
      doubled[i] *= 2;
    }
    try {
      model.setWeights(w.withValues(doubled));
      assertArrayEquals(doubled, model.weights("dense2_kernel").values());
    } finally {
      model.setWeights(w);
    }
    assertArrayEquals(w.values(), model.weights("dense2_kernel").values());
  }

  @Test
  void zeroFirstLayerPredictsOneClassForAll() {
    var saved = model.allWeights();
    try {
      for (String v : new String[] {"dense1_kernel", "dense1_bias"}) {
        Weights w = model.weights(v);
        model.setWeights(w.withValues(new float[w.values().length]));
      }
      // Every image gives the same logits, so one class is predicted for all 1000 test images,
      // 100 of which belong to it.
      assertEquals(0.1, model.evaluate(data.test()).accuracy(), 1e-12);
    } finally {
      model.setWeights(saved);
    }
  }

  @Test
  void setWeightsChecksNameAndShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.weights("dense3_kernel"));
    assertTrue(e.getMessage().startsWith("no variable named 'dense3_kernel'"), e.getMessage());
    Weights w = model.weights("dense2_bias");
    assertThrows(IllegalArgumentException.class, () -> model.setWeights(
        new Weights("dense2_bias", quantlab.quant.Shape.of(2, 5), w.values())));
  }

  @Test
  void savedModelLoadsWithTheSameOutputs() throws IOException {
    Path dir = tmp.resolve("mlp");
    model.save(dir);
    assertTrue(Files.isRegularFile(dir.resolve("saved_model.pb")));
    try (Model back = Model.load(dir)) {
      assertEquals(Architecture.MLP, back.architecture());
      assertEquals("3", back.info().get("seed"));
      assertArrayEquals(model.logits(data.test(), 0, 50), back.logits(data.test(), 0, 50));
      assertArrayEquals(model.weights("dense1_kernel").values(),
          back.weights("dense1_kernel").values());
    }
  }

  @Test
  void loadWithoutQuantlabPropertiesSaysWhatIsMissing() throws IOException {
    Path dir = tmp.resolve("bare");
    model.save(dir);
    Files.delete(dir.resolve(Model.META));
    IOException e = assertThrows(IOException.class, () -> Model.load(dir));
    assertTrue(e.getMessage().contains("architecture=MLP"), e.getMessage());
  }

  @Test
  void activationsHaveOneTensorPerTap() {
    Map<String, float[]> a = model.activations(data.train(), 20);
    assertEquals(java.util.List.of("input", "dense1", "dense2"), java.util.List.copyOf(a.keySet()));
    assertEquals(20 * 784, a.get("input").length);
    assertEquals(20 * 128, a.get("dense1").length);
    for (float v : a.get("dense1")) {
      assertTrue(v >= 0, "after ReLU");
    }
    assertArrayEquals(model.logits(data.train(), 0, 20), a.get("dense2"));
    assertArrayEquals(data.train().pixels(0, 20), a.get("input"));
  }

  @Test
  void fakeQuantizedActivationsCostLittleAt16BitsAndMoreAt2() {
    Map<String, float[]> a = model.activations(data.train(), 500);
    Map<String, Range> ranges = new LinkedHashMap<>();
    a.forEach((k, v) -> ranges.put(k, Range.of(v)));
    double fp = model.evaluate(data.test()).accuracy();
    double a16 = model.evaluate(data.test(), new ActivationQuant(16, false, ranges)).accuracy();
    double a2 = model.evaluate(data.test(), new ActivationQuant(2, false, ranges)).accuracy();
    assertEquals(fp, a16, 0.003);
    assertTrue(a2 < fp - 0.05, "2-bit activations: " + a2 + " vs float " + fp);
    // The quantized path is built once per bit width and reused.
    assertEquals(a16, model.evaluate(data.test(), new ActivationQuant(16, false, ranges))
        .accuracy());
  }

  @Test
  void fakeQuantizedLogitsLieOnTheOutputGridAndGiveTheSameAccuracy() {
    Map<String, Range> ranges = new LinkedHashMap<>();
    ranges.put("input", Range.of(0f, 1f));
    ranges.put("dense1", Range.of(0f, 8f));
    ranges.put("dense2", Range.of(-20f, 20f));
    ActivationQuant aq = new ActivationQuant(8, false, ranges);
    int n = 300;
    float[] logits = model.logits(data.test(), 0, n, aq);
    assertEquals(n * 10, logits.length);
    // FakeQuant nudges [-20, 20] to a grid of step 40/255 through 0 (zero point 127.5 rounds
    // to 128 codes above the minimum): every logit is an integer number of steps from 0 and
    // lies in [-128 steps, 127 steps].
    double step = 40.0 / 255;
    for (float v : logits) {
      double k = v / step;
      assertEquals(Math.rint(k), k, 1e-3, "logit " + v + " is not on the grid of step " + step);
      assertTrue(k >= -128.001 && k <= 127.001, "logit " + v + " outside the nudged range");
    }
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < 10; c++) {
        if (logits[i * 10 + c] > logits[i * 10 + best]) {
          best = c;
        }
      }
      correct += best == data.test().label(i) ? 1 : 0;
    }
    assertEquals(model.evaluate(data.test().first(n), aq).accuracy(), correct / (double) n,
        1e-12);
  }

  @Test
  void modelCacheTrainsOnceThenLoads() throws IOException {
    ModelCache cache = ModelCache.in(tmp.resolve("models"));
    Dataset small = new Dataset("tiny", data.train().first(500), data.test().first(100),
        Dataset.Source.DIRECTORY, "test");
    float[] first;
    try (Model m = cache.getOrTrain(Architecture.MLP, 9, 1, small)) {
      first = m.weights("dense2_bias").values();
    }
    assertTrue(cache.contains(Architecture.MLP, 9, 1, 500));
    assertTrue(Files.isDirectory(tmp.resolve("models/MLP-seed9-epochs1-n500")));
    try (Model m = cache.getOrTrain(Architecture.MLP, 9, 1, small)) {
      assertArrayEquals(first, m.weights("dense2_bias").values());
      assertEquals("500", m.info().get("trainImages"));
    }
    try (var s = Files.list(tmp.resolve("models"))) {
      assertEquals(1, s.count(), "no staging folders left");
    }
  }
}
