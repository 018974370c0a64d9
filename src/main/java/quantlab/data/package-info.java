/**
 * Data sets for the lessons: a strict IDX reader (the MNIST file format) and Fashion-MNIST, found
 * in a cache, a Debian package, a verified download or a small bundled subset.
 */
package quantlab.data;
