/**
 * Bit packing of 1- to 8-bit integer codes into bytes, so that a 4-bit tensor really takes half
 * the bytes of an int8 one; start with {@link quantlab.pack.BitPacking} or
 * {@link quantlab.pack.PackedTensor#of(quantlab.quant.QuantizedTensor)}.
 */
package quantlab.pack;
