"""The standard Jupyter kernel conformance suite (jupyter_kernel_test) against quantlab's kernel.

Run by quantlab.kernel.KernelConformanceIT with Debian's /usr/bin/python3 and JUPYTER_PATH
pointing at a freshly written kernelspec named "java".
"""
import unittest

import jupyter_kernel_test


class QuantlabJavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "java"
    language_name = "Java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "Integer.parseI", "matches": {"parseInt("}},
    ]
    complete_code_samples = ["int x = 1;", "1 + 1", "void f() { }", "%maven a:b:1"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int[] a = {1,", "String s = \"a\" +"]
    invalid_code_samples = ["}}", ") x"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"abc\".toUpperCase()", "result": "ABC"},
        {"code": "Math.max(3, 4)", "result": "4"},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]
    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
        {"code": "var c = new XYChart(200, 100); c.addSeries(\"s\", new double[] {1, 2}, new double[] {3, 4}); display(c);",
         "mime": "image/png"},
    ]

    code_clear_output = "clearOutput();"

    code_history_pattern = "Math.max*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main()
