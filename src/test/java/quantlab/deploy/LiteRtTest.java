package quantlab.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantlab.tflite.TfliteLayerSpec;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/** What {@link LiteRt} decides without running Node.js: finding tools, checking inputs, parsing. */
class LiteRtTest {
  @TempDir Path tmp;

  private Path fakeNode() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path node = bin.resolve("node");
    Files.writeString(node, "#!/bin/sh\n");
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
    return node;
  }

  private static Path installPackage(Path nodeModules) throws IOException {
    Path core = Files.createDirectories(nodeModules.resolve("@litertjs").resolve("core"));
    Files.writeString(core.resolve("package.json"), "{\"name\": \"@litertjs/core\"}");
    return nodeModules;
  }

  @Test
  void withoutNodeOnPathTheReasonSaysSo() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    LiteRt.Availability a = LiteRt.availability(empty.toString(), null, null, tmp);
    assertFalse(a.available());
    assertTrue(a.reason().startsWith("node not found on PATH"), a.reason());
    assertEquals("LiteRT.js not available: " + a.reason(), a.toString());
    assertFalse(LiteRt.availability(null, null, null, tmp).available());
  }

  @Test
  void aNonExecutableNodeIsNotFound() throws IOException {
    Path node = fakeNode();
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(Optional.empty(), LiteRt.findOnPath("node", node.getParent().toString()));
  }

  @Test
  void nodeIsTheFirstExecutableOnPath() throws IOException {
    Path node = fakeNode();
    Path other = Files.createDirectories(tmp.resolve("other"));
    String path = other + ":" + "" + ":" + node.getParent() + ":/nonexistent";
    assertEquals(Optional.of(node), LiteRt.findOnPath("node", path));
  }

  @Test
  void withoutThePackageTheReasonSaysRunNpmCi() throws IOException {
    Path node = fakeNode();
    Path work = Files.createDirectories(tmp.resolve("project").resolve("notebooks"));
    LiteRt.Availability a = LiteRt.availability(node.getParent().toString(), null, null, work);
    assertFalse(a.available());
    assertEquals(node, a.node());
    assertNull(a.nodeModules());
    assertTrue(a.reason().startsWith(
        "npm package @litertjs/core not found; run `npm ci` in src/it/js"), a.reason());
  }

  @Test
  void thePackageIsFoundUpwardsFromNotebooksSolutions() throws IOException {
    Path node = fakeNode();
    Path project = tmp.resolve("project");
    Path modules = installPackage(project.resolve("src/it/js/node_modules"));
    Path work = Files.createDirectories(project.resolve("notebooks/solutions"));
    LiteRt.Availability a = LiteRt.availability(node.getParent().toString(), null, null, work);
    assertTrue(a.available(), a.toString());
    assertEquals(modules.toAbsolutePath().normalize(), a.nodeModules());
    assertEquals("", a.reason());
    // from the project folder itself too
    assertEquals(Optional.of(modules.toAbsolutePath().normalize()),
        LiteRt.findNodeModules(project));
  }

  @Test
  void aFolderWithoutCoreIsNotTheProjectFolder() throws IOException {
    Path project = tmp.resolve("project");
    Files.createDirectories(project.resolve("src/it/js/node_modules/@litertjs/wasm-utils"));
    assertEquals(Optional.empty(), LiteRt.findNodeModules(project.resolve("src")));
  }

  @Test
  void thePropertyWinsOverTheVariableAndTheSearch() throws IOException {
    Path node = fakeNode();
    Path viaProperty = installPackage(tmp.resolve("a/node_modules"));
    Path viaEnv = installPackage(tmp.resolve("b/node_modules"));
    Path project = tmp.resolve("project");
    installPackage(project.resolve("src/it/js/node_modules"));
    String path = node.getParent().toString();
    assertEquals(viaProperty, LiteRt.availability(path, viaProperty.toString(), viaEnv.toString(),
        project).nodeModules());
    assertEquals(viaEnv, LiteRt.availability(path, null, viaEnv.toString(), project)
        .nodeModules());
    assertEquals(viaEnv, LiteRt.availability(path, " ", viaEnv.toString(), project)
        .nodeModules());
  }

  @Test
  void aNamedFolderWithoutThePackageIsReportedNotReplaced() throws IOException {
    Path node = fakeNode();
    Path project = tmp.resolve("project");
    installPackage(project.resolve("src/it/js/node_modules"));
    Path wrong = Files.createDirectories(tmp.resolve("wrong"));
    LiteRt.Availability a = LiteRt.availability(node.getParent().toString(), null,
        wrong.toString(), project);
    assertFalse(a.available());
    assertEquals("npm package @litertjs/core not found in " + wrong
        + " (named by environment variable QUANTLAB_NODE_MODULES)", a.reason());
  }

  @Test
  void builderRejectsBadSettingsWithTheValue() {
    assertEquals("runs must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> LiteRt.builder().runs(0))
            .getMessage());
    assertEquals("warmup must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> LiteRt.builder().warmup(-1))
            .getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LiteRt.builder().timeout(java.time.Duration.ZERO));
  }

  @Test
  void builderWithoutThePackageThrowsTheUnavailableType() throws IOException {
    Path node = fakeNode();
    Path empty = Files.createDirectories(tmp.resolve("nm"));
    LiteRtUnavailableException e = assertThrows(LiteRtUnavailableException.class,
        () -> LiteRt.builder().node(node).nodeModules(empty).build());
    assertEquals("npm package @litertjs/core not found in " + empty, e.getMessage());
  }

  private static TfliteModelSpec tiny() {
    // 3 inputs -> 2 outputs
    return TfliteModelSpec.builder().name("tiny").input(1, 3).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.fullyConnected(2, new float[] {1, 0, 0, 0, 1, 0}, new float[] {0, 0})
            .outputRange(-1f, 1f))
        .build();
  }

  @Test
  void inputsAreCheckedAgainstTheModelsInput() {
    byte[] f32 = TfliteWriter.toBytes(tiny(), TfliteVariant.FLOAT32);
    assertEquals(3, LiteRt.checkInput(f32, new float[][] {{1, 2, 3}, {4, 5, 6}}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LiteRt.checkInput(f32, new float[][] {{1, 2, 3}, {4, 5}}));
    assertEquals("inputs[1] must hold 3 floats (input shape [1, 3]), got 2", e.getMessage());
  }

  @Test
  void anInt8InputIsRefusedWithTheFix() {
    byte[] i8 = TfliteWriter.builder().variant(TfliteVariant.INT8).floatInputOutput(false)
        .build().toBytes(tiny());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LiteRt.checkInput(i8, new float[][] {{1, 2, 3}}));
    assertTrue(e.getMessage().startsWith("model input must be FLOAT32"), e.getMessage());
    assertTrue(e.getMessage().contains("got INT8"), e.getMessage());
    assertTrue(e.getMessage().contains("floatInputOutput(true)"), e.getMessage());
  }

  @Test
  void notATfliteFileIsAnArgumentError() {
    assertThrows(IllegalArgumentException.class,
        () -> LiteRt.checkInput(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, new float[][] {{1}}));
  }

  @Test
  void aMissingModelFileIsNamed() throws IOException {
    Path node = fakeNode();
    Path modules = installPackage(tmp.resolve("nm"));
    LiteRt lr = LiteRt.builder().node(node).nodeModules(modules).build();
    Path missing = tmp.resolve("missing.tflite");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lr.run(missing, new float[][] {{1}}));
    assertEquals("model must be a .tflite file, got " + missing + " (not found)",
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> lr.runAll(java.util.List.of(), new float[][] {{1}}));
  }

  @Test
  void theResultLineIsParsed() {
    String one = "{\"inputShape\":[1,3],\"outputShape\":[1,2],"
        + "\"outputDtype\":\"float32\",\"count\":2,\"warmup\":5,"
        + "\"runs\":40,\"meanMs\":0.25,\"medianMs\":0.2,\"minMs\":0.125,\"litert\":\"2.5.3\","
        + "\"node\":\"v20.1.0\"}";
    String out = "some warning from wasm\nRESULT [" + one + ", " + one.replace("0.25", "0.5")
        + "]\n";
    JsonArray all = LiteRt.parseResult(out, 0);
    assertEquals(2, all.size());
    assertEquals(0.5, LiteRt.toResult(all.get(1).getAsJsonObject(), new float[][] {{1, 2}})
        .meanMillis());
    JsonObject r = all.get(0).getAsJsonObject();
    LiteRt.Result res = LiteRt.toResult(r, new float[][] {{1, 2}, {3, 4}});
    assertArrayEquals(new int[] {1, 3}, res.inputShape());
    assertArrayEquals(new int[] {1, 2}, res.outputShape());
    assertEquals(0.25, res.meanMillis());
    assertEquals(0.2, res.medianMillis());
    assertEquals(0.125, res.minMillis());
    assertEquals(40, res.runs());
    assertEquals(5, res.warmup());
    assertEquals("LiteRT.js 2.5.3 (Node.js v20.1.0): 2 rows [1, 3] -> [1, 2] float32; 0.2500 ms"
        + " per inference (mean of 40 runs after 5 warm-up; median 0.2000, min 0.1250)",
        res.toString());
  }

  @Test
  void theScriptsErrorLineBecomesTheMessage() {
    LiteRtException e = assertThrows(LiteRtException.class, () -> LiteRt.parseResult(
        "noise\nERROR LiteRT.js rejected the model: bad magic\n", 2));
    assertEquals("LiteRT.js rejected the model: bad magic", e.getMessage());
  }

  @Test
  void aCrashWithoutErrorLineShowsTheTailAndExitCode() {
    LiteRtException e = assertThrows(LiteRtException.class,
        () -> LiteRt.parseResult("Segmentation fault\n", 139));
    assertEquals("LiteRT.js failed (exit 139):\nSegmentation fault", e.getMessage());
    // exit 0 without a RESULT line is a failure too, and so is a result that is not a list
    assertThrows(LiteRtException.class, () -> LiteRt.parseResult("nothing\n", 0));
    assertThrows(LiteRtException.class, () -> LiteRt.parseResult("RESULT {\"a\": 1}\n", 0));
  }

  @Test
  void outputsAreSplitIntoRows() {
    ByteBuffer b = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : new float[] {1.5f, -2f, 0.25f, 3f, 4f, -0f}) {
      b.putFloat(v);
    }
    float[][] rows = LiteRt.readOutputs(b.array(), 2);
    assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, rows[0]);
    assertArrayEquals(new float[] {3f, 4f, -0f}, rows[1]);
    assertThrows(LiteRtException.class, () -> LiteRt.readOutputs(b.array(), 4));
    assertThrows(LiteRtException.class, () -> LiteRt.readOutputs(new byte[] {1, 2, 3}, 1));
  }

  @Test
  void theScriptIsAResource() {
    assertTrue(LiteRt.class.getResource("litert-run.cjs") != null);
  }
}
