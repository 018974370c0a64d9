package quantlab.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies JJava sends without the {@code "status": "ok"} field the Jupyter message spec
 * requires (jupyter_kernel_test's schema check rejects them): the same replies with it.
 */
final class Replies {
  private Replies() {}

  /** kernel_info_reply with a status. */
  static final class KernelInfo extends KernelInfoReply {
    @SuppressWarnings("unused") // serialized by gson
    private final String status = "ok";

    KernelInfo(String protocolVersion, String name, String version, LanguageInfo info,
        String banner, List<HelpLink> links) {
      super(protocolVersion, name, version, info, banner, links);
    }
  }

  /**
   * history_reply with a status, entries as the spec's {@code [session, line, input]} or
   * {@code [session, line, [input, output]]} arrays (JJava serializes them as objects).
   */
  static final class History implements ContentType<History> {
    @SuppressWarnings("unused") // serialized by gson
    private final String status = "ok";
    @SuppressWarnings("unused") // serialized by gson
    private final List<List<Object>> history = new ArrayList<>();

    History(List<HistoryEntry> entries) {
      for (HistoryEntry e : entries) {
        history.add(List.of(e.getSession(), e.getCellNumber(),
            e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput()));
      }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageType<History> getType() {
      return (MessageType) HistoryReply.MESSAGE_TYPE;
    }
  }
}
