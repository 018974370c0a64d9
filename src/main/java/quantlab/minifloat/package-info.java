/**
 * Low-precision floating-point formats (float16, bfloat16, fp8 E4M3 and E5M2, fp4 E2M1): exact
 * encode, decode and round-to-nearest-even of float32 values, and the list of every value a format
 * can hold; start with {@link quantlab.minifloat.MiniFloat}.
 */
package quantlab.minifloat;
