package quantlab.interp;

/** Element types the interpreter computes with; other schema types are rejected by name. */
public enum DataType {
  FLOAT32,
  INT8,
  INT32;

  /** The type with schema {@code TensorType} code {@code code}, or null if not supported. */
  static DataType fromSchemaCode(int code) {
    switch (code) {
      case 0:
        return FLOAT32;
      case 2:
        return INT32;
      case 9:
        return INT8;
      default:
        return null;
    }
  }

  /** The schema name of a {@code TensorType} code, for error messages. */
  static String schemaName(int code) {
    String[] names = {
      "FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING", "BOOL", "INT16", "COMPLEX64",
      "INT8", "FLOAT64", "COMPLEX128", "UINT64", "RESOURCE", "VARIANT", "UINT32", "UINT16", "INT4"
    };
    return code >= 0 && code < names.length ? names[code] : "type code " + code;
  }
}
