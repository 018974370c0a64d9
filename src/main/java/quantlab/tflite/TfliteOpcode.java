package quantlab.tflite;

/**
 * One entry of the model's operator code list. Old files set only {@code deprecatedBuiltinCode}
 * (a byte, so {@code builtinCode} reads 0 = ADD); newer ones set both, and codes of 127 and above
 * only fit {@code builtinCode}. The resolved code is the larger of the two.
 *
 * @param builtinCode the {@code builtin_code} field as stored
 * @param deprecatedBuiltinCode the {@code deprecated_builtin_code} field as stored
 * @param resolvedCode {@code max(builtinCode, deprecatedBuiltinCode)}
 * @param name the operator's name, e.g. {@code "CONV_2D"}, or the custom code for CUSTOM ops
 * @param customCode the custom operator's name, or empty
 * @param version the operator version
 */
public record TfliteOpcode(int builtinCode, int deprecatedBuiltinCode, int resolvedCode,
    String name, String customCode, int version) {

  /** Whether only the deprecated field carries the code (the old style). */
  public boolean usesDeprecatedCodeOnly() {
    return builtinCode == 0 && deprecatedBuiltinCode > 0;
  }

  @Override
  public String toString() {
    return name + " v" + version;
  }
}
