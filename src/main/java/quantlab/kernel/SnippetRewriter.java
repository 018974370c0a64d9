package quantlab.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of JShell snippet classes before they are loaded.
 *
 * <ul>
 *   <li>{@code System.exit(int)}, {@code Runtime.exit(int)} and {@code Runtime.halt(int)} calls
 *       (and method references to them) become calls to {@link KernelHooks}, which throw
 *       {@link CellExitException}: a cell cannot end the kernel JVM. This works on every JDK,
 *       unlike a SecurityManager (deprecated in 17, unusable from JDK 24).
 *   <li>Every {@code do_it$} method (the body JShell generates for a snippet) hands its return
 *       value to {@link KernelHooks#capture} so the kernel gets the live object, not a string.
 * </ul>
 *
 * <p>Code loaded from jars ({@code %classpath}, {@code %maven}) is not rewritten: a library that
 * calls {@code System.exit} still ends the kernel.
 */
final class SnippetRewriter {
  private static final String HOOKS = "quantlab/kernel/KernelHooks";

  private SnippetRewriter() {}

  /** The rewritten class file, or {@code bytes} unchanged when nothing needed rewriting. */
  static byte[] rewrite(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    boolean[] changed = {false};
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        boolean doIt = name.equals("do_it$") && descriptor.endsWith(")Ljava/lang/Object;");
        return new MethodVisitor(Opcodes.ASM9, mv) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String mname, String desc,
              boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                && mname.equals("exit") && desc.equals("(I)V")) {
              changed[0] = true;
              super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                && (mname.equals("exit") || mname.equals("halt")) && desc.equals("(I)V")) {
              changed[0] = true;
              super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS,
                  mname.equals("exit") ? "runtimeExit" : "runtimeHalt",
                  "(Ljava/lang/Runtime;I)V", false);
            } else {
              super.visitMethodInsn(opcode, owner, mname, desc, itf);
            }
          }

          @Override
          public void visitInvokeDynamicInsn(String iname, String desc, Handle bsm,
              Object... args) {
            Object[] mapped = args.clone();
            for (int i = 0; i < mapped.length; i++) {
              if (mapped[i] instanceof Handle) {
                Handle h = (Handle) mapped[i];
                Handle r = replaceHandle(h);
                if (r != h) {
                  changed[0] = true;
                  mapped[i] = r;
                }
              }
            }
            super.visitInvokeDynamicInsn(iname, desc, bsm, mapped);
          }

          @Override
          public void visitInsn(int opcode) {
            if (doIt && opcode == Opcodes.ARETURN) {
              changed[0] = true;
              super.visitInsn(Opcodes.DUP);
              super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "capture",
                  "(Ljava/lang/Object;)V", false);
            }
            super.visitInsn(opcode);
          }
        };
      }
    }, 0);
    return changed[0] ? writer.toByteArray() : bytes;
  }

  /** Names of the non-final static reference fields a class declares (JShell's variables). */
  static java.util.List<String> staticReferenceFields(byte[] bytes) {
    java.util.List<String> out = new java.util.ArrayList<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public org.objectweb.asm.FieldVisitor visitField(int access, String name, String desc,
          String signature, Object value) {
        if ((access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_FINAL) == 0
            && (desc.startsWith("L") || desc.startsWith("["))) {
          out.add(name);
        }
        return null;
      }
    }, ClassReader.SKIP_CODE);
    return out;
  }

  private static Handle replaceHandle(Handle h) {
    if (h.getTag() == Opcodes.H_INVOKESTATIC && h.getOwner().equals("java/lang/System")
        && h.getName().equals("exit") && h.getDesc().equals("(I)V")) {
      return new Handle(Opcodes.H_INVOKESTATIC, HOOKS, "exit", "(I)V", false);
    }
    if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && h.getOwner().equals("java/lang/Runtime")
        && (h.getName().equals("exit") || h.getName().equals("halt"))
        && h.getDesc().equals("(I)V")) {
      return new Handle(Opcodes.H_INVOKESTATIC, HOOKS,
          h.getName().equals("exit") ? "runtimeExit" : "runtimeHalt",
          "(Ljava/lang/Runtime;I)V", false);
    }
    return h;
  }
}
