package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ConvGeometryTest {

  @Test
  void sameAndValidByHand() {
    // in 5, filter 3, stride 2: SAME out ceil(5/2) = 3, total padding (3-1)*2+3-5 = 2 -> 1 on top
    ConvGeometry same = new ConvGeometry(Graph.Padding.SAME, 5, 5, 3, 3, 2, 2, 1, 1);
    assertEquals(3, same.outH);
    assertEquals(1, same.padH);
    // VALID out ceil((5-3+1)/2) = 2, no padding
    ConvGeometry valid = new ConvGeometry(Graph.Padding.VALID, 5, 5, 3, 3, 2, 2, 1, 1);
    assertEquals(2, valid.outH);
    assertEquals(0, valid.padH);
    // dilation 2 makes the 3-tap filter span 5: VALID on 5 gives 1
    ConvGeometry dil = new ConvGeometry(Graph.Padding.VALID, 5, 5, 3, 3, 1, 1, 2, 2);
    assertEquals(1, dil.outH);
    // SAME with dilation 2 on 5, stride 1: out 5, padding (4 + 5 - 5) / 2 = 2
    ConvGeometry dilSame = new ConvGeometry(Graph.Padding.SAME, 5, 5, 3, 3, 1, 1, 2, 2);
    assertEquals(5, dilSame.outH);
    assertEquals(2, dilSame.padH);
    // 28x28, 2x2 pool stride 2: 14 either way
    assertEquals(14, new ConvGeometry(Graph.Padding.VALID, 28, 28, 2, 2, 2, 2, 1, 1).outW);
    assertEquals(14, new ConvGeometry(Graph.Padding.SAME, 28, 28, 2, 2, 2, 2, 1, 1).outW);
  }

  @Property(tries = 3000)
  void sameCoversEveryInputAndValidStaysInside(
      @ForAll @IntRange(min = 1, max = 64) int in,
      @ForAll @IntRange(min = 1, max = 7) int filter,
      @ForAll @IntRange(min = 1, max = 4) int stride,
      @ForAll @IntRange(min = 1, max = 3) int dilation) {
    int eff = (filter - 1) * dilation + 1;
    ConvGeometry same = new ConvGeometry(Graph.Padding.SAME, in, in, filter, filter, stride,
        stride, dilation, dilation);
    assertEquals((in + stride - 1) / stride, same.outH); // ceil(in / stride)
    ConvGeometry valid = new ConvGeometry(Graph.Padding.VALID, in, in, filter, filter, stride,
        stride, dilation, dilation);
    if (eff > in) {
      assertEquals(0, valid.outH);
      return;
    }
    // the last VALID window ends inside the input, one more stride would not
    int last = (valid.outH - 1) * stride + eff;
    assertEquals(true, last <= in);
    assertEquals(true, last + stride > in);
  }
}
