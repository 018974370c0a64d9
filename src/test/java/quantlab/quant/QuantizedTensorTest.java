package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantizedTensorTest {

  @Test
  void toBytesKeepsTheEightBitPatternOfEachCode() {
    QuantizedTensor int8 = QuantizedTensor.of(Shape.of(4),
        QuantParams.of(IntFormat.int8(), 1f, 0), new int[] {-128, -1, 63, 126});
    assertArrayEquals(new byte[] {-128, -1, 63, 126}, int8.toBytes());
    // uint8 200 is 0xC8, which Java's signed byte shows as 200 - 256 = -56
    QuantizedTensor uint8 = QuantizedTensor.of(Shape.of(3),
        QuantParams.of(IntFormat.uint8(), 1f, 128), new int[] {0, 200, 255});
    assertArrayEquals(new byte[] {0, -56, -1}, uint8.toBytes());
  }

  @Test
  void toBytesRefusesCodesWiderThanAByte() {
    QuantizedTensor int16 = QuantizedTensor.of(Shape.of(1),
        QuantParams.of(IntFormat.of(16, true), 1f, 0), new int[] {300});
    IllegalStateException e = assertThrows(IllegalStateException.class, int16::toBytes);
    assertEquals("toBytes needs codes of at most 8 bits, this tensor's are "
        + IntFormat.of(16, true), e.getMessage());
  }
}
