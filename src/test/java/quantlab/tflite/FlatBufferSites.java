package quantlab.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The FlatBuffer structure of a valid {@code .tflite} file, found by walking it with TFLite's
 * schema ({@code schema.fbs}: field ids of Model, OperatorCode, SubGraph, Tensor,
 * QuantizationParameters, Operator, Buffer, Metadata), independently of {@link TfliteReader}:
 * where the root offset, each table's vtable offset, each vtable's entries, each offset field,
 * each vector's length, each offset inside a vector of tables or strings, each string's length
 * and terminator, and each index or dimension are. The fuzzer aims its targeted mutations at
 * these positions.
 *
 * <p>FlatBuffer layout (flatbuffers.dev, "internals"): the file starts with a uint32 offset to
 * the root table; a table starts with an int32 {@code soffset}, the vtable being at
 * {@code table - soffset}; a vtable is uint16 {@code [vtable bytes, table bytes, field 0 offset,
 * field 1 offset, ...]} (0 = field absent); an offset field holds a uint32 relative to its own
 * position; a vector is a uint32 length followed by its elements; a string is a uint32 length,
 * the bytes, and a 0 terminator.
 */
final class FlatBufferSites {
  /** Kinds of structural positions. */
  enum Kind {
    /** Bytes 0-3: uint32 offset of the root (Model) table. */
    ROOT_OFFSET,
    /** The int32 soffset at the start of a table, pointing at its vtable. */
    VTABLE_OFFSET,
    /** A vtable's first two uint16 entries: the vtable's and the table's size. */
    VTABLE_HEADER,
    /** A uint16 vtable entry: where a field lies in its table. */
    VTABLE_FIELD,
    /** A uint32 field of a table pointing at a child table, vector or string. */
    FIELD_OFFSET,
    /** A uint32 element of a vector of tables or strings, pointing at the element. */
    ELEMENT_OFFSET,
    /** The uint32 length of a vector of scalars or offsets. */
    VECTOR_LENGTH,
    /** The uint32 length of a string. */
    STRING_LENGTH,
    /** The 0 byte that ends a string. */
    STRING_TERMINATOR,
    /** A 32-bit index or size: buffer, opcode_index, tensor refs, shape dims, qdim, version. */
    INDEX,
    /** A field of an operator's builtin options (padding, strides, activation, ...). */
    OPTION_FIELD
  }

  /** One position: its kind, offset in the file and width in bytes. */
  record Site(Kind kind, int at, int width) {}

  private final ByteBuffer bb;
  private final List<Site> sites = new ArrayList<>();

  private FlatBufferSites(byte[] file) {
    this.bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The sites of {@code file}, which must be a valid model. */
  static Map<Kind, int[][]> of(byte[] file) {
    FlatBufferSites w = new FlatBufferSites(file);
    w.add(Kind.ROOT_OFFSET, 0, 4);
    w.model(bb32(w.bb, 0));
    Map<Kind, List<Site>> byKind = new EnumMap<>(Kind.class);
    for (Site s : w.sites) {
      byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s);
    }
    Map<Kind, int[][]> out = new EnumMap<>(Kind.class);
    byKind.forEach((k, l) -> out.put(k, l.stream().map(s -> new int[] {s.at(), s.width()})
        .toArray(int[][]::new)));
    return out;
  }

  private static int bb32(ByteBuffer bb, int at) {
    return bb.getInt(at);
  }

  private void add(Kind kind, int at, int width) {
    sites.add(new Site(kind, at, width));
  }

  /** Registers the table at {@code t} and its vtable; returns the vtable position. */
  private int table(int t) {
    add(Kind.VTABLE_OFFSET, t, 4);
    int vt = t - bb.getInt(t);
    int vtSize = bb.getShort(vt) & 0xFFFF;
    add(Kind.VTABLE_HEADER, vt, 2);
    add(Kind.VTABLE_HEADER, vt + 2, 2);
    for (int e = 4; e < vtSize; e += 2) {
      if (bb.getShort(vt + e) != 0) {
        add(Kind.VTABLE_FIELD, vt + e, 2);
      }
    }
    return vt;
  }

  /** Position of field {@code id} of the table at {@code t}, or -1 when absent. */
  private int field(int t, int id) {
    int vt = t - bb.getInt(t);
    int vtSize = bb.getShort(vt) & 0xFFFF;
    int e = 4 + 2 * id;
    if (e >= vtSize) {
      return -1;
    }
    int o = bb.getShort(vt + e) & 0xFFFF;
    return o == 0 ? -1 : t + o;
  }

  /** Follows the offset field {@code id}; returns the target, or -1 when absent. */
  private int child(int t, int id) {
    int f = field(t, id);
    if (f < 0) {
      return -1;
    }
    add(Kind.FIELD_OFFSET, f, 4);
    return f + bb.getInt(f);
  }

  private void index(int t, int id) {
    int f = field(t, id);
    if (f >= 0) {
      add(Kind.INDEX, f, 4);
    }
  }

  /** A vector of 32-bit scalars whose elements are indices or dimensions. */
  private void intVector(int t, int id) {
    int v = child(t, id);
    if (v < 0) {
      return;
    }
    add(Kind.VECTOR_LENGTH, v, 4);
    int n = bb.getInt(v);
    for (int i = 0; i < n; i++) {
      add(Kind.INDEX, v + 4 + 4 * i, 4);
    }
  }

  /** A vector of scalars (floats, longs, bytes): only its length is structure. */
  private void scalarVector(int t, int id) {
    int v = child(t, id);
    if (v >= 0) {
      add(Kind.VECTOR_LENGTH, v, 4);
    }
  }

  /** A vector of tables; returns the element tables' positions. */
  private int[] tableVector(int t, int id) {
    int v = child(t, id);
    if (v < 0) {
      return new int[0];
    }
    add(Kind.VECTOR_LENGTH, v, 4);
    int n = bb.getInt(v);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int e = v + 4 + 4 * i;
      add(Kind.ELEMENT_OFFSET, e, 4);
      out[i] = e + bb.getInt(e);
    }
    return out;
  }

  private void string(int t, int id) {
    int s = child(t, id);
    if (s < 0) {
      return;
    }
    add(Kind.STRING_LENGTH, s, 4);
    add(Kind.STRING_TERMINATOR, s + 4 + bb.getInt(s), 1);
  }

  private void model(int m) {
    table(m);
    index(m, 0); // version
    for (int oc : tableVector(m, 1)) {
      table(oc);
      string(oc, 1); // custom_code
      index(oc, 2); // version
      index(oc, 3); // builtin_code
    }
    for (int sg : tableVector(m, 2)) {
      subgraph(sg);
    }
    string(m, 3); // description
    for (int b : tableVector(m, 4)) {
      table(b);
      scalarVector(b, 0); // data
    }
    intVector(m, 5); // metadata_buffer
    for (int md : tableVector(m, 6)) {
      table(md);
      string(md, 0);
      index(md, 1); // buffer
    }
  }

  private void subgraph(int sg) {
    table(sg);
    for (int t : tableVector(sg, 0)) {
      table(t);
      intVector(t, 0); // shape
      index(t, 2); // buffer
      string(t, 3); // name
      int q = child(t, 4);
      if (q >= 0) {
        table(q);
        scalarVector(q, 0); // min
        scalarVector(q, 1); // max
        scalarVector(q, 2); // scale
        scalarVector(q, 3); // zero_point
        index(q, 6); // quantized_dimension
      }
      intVector(t, 7); // shape_signature
    }
    intVector(sg, 1); // inputs
    intVector(sg, 2); // outputs
    for (int op : tableVector(sg, 3)) {
      table(op);
      index(op, 0); // opcode_index
      intVector(op, 1); // inputs
      intVector(op, 2); // outputs
      int typeField = field(op, 3);
      int options = child(op, 4);
      if (options >= 0) {
        int vt = table(options);
        int vtSize = bb.getShort(vt) & 0xFFFF;
        for (int e = 4; e < vtSize; e += 2) {
          int o = bb.getShort(vt + e) & 0xFFFF;
          if (o != 0) {
            add(Kind.OPTION_FIELD, options + o, 1);
          }
        }
        if (typeField >= 0 && bb.get(typeField) == 17) { // ReshapeOptions
          intVector(options, 0); // new_shape
        }
      }
    }
    string(sg, 4); // name
  }
}
