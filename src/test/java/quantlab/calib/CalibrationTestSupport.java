package quantlab.calib;

/** Helpers shared by the calibration tests. */
final class CalibrationTestSupport {
  private CalibrationTestSupport() {}

  /** All batches joined in order. */
  static float[] concat(float[][] batches) {
    int n = 0;
    for (float[] b : batches) {
      n += b.length;
    }
    float[] all = new float[n];
    int k = 0;
    for (float[] b : batches) {
      System.arraycopy(b, 0, all, k, b.length);
      k += b.length;
    }
    return all;
  }
}
