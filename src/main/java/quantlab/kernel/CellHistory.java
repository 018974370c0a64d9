package quantlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/** The cells run in this kernel session, for Jupyter's {@code history_request}. */
final class CellHistory implements HistoryManager {
  private final List<HistoryEntry> entries = new ArrayList<>();

  private final Map<Integer, String> outputs = new java.util.HashMap<>();

  synchronized void add(int count, String code, String output) {
    entries.add(new HistoryEntry(1, count, code, null));
    outputs.put(count, output);
  }

  /** The entries as requested: with their text output when {@code flags} asks for it. */
  private List<HistoryEntry> shape(List<HistoryEntry> list, Set<ResultFlag> flags) {
    if (!flags.contains(ResultFlag.INCLUDE_OUTPUT)) {
      return list;
    }
    List<HistoryEntry> out = new ArrayList<>();
    for (HistoryEntry e : list) {
      out.add(new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(),
          outputs.getOrDefault(e.getCellNumber(), "")));
    }
    return out;
  }

  @Override
  public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
    int from = Math.max(0, entries.size() - Math.max(0, length));
    return shape(new ArrayList<>(entries.subList(from, entries.size())), flags);
  }

  @Override
  public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop,
      Set<ResultFlag> flags) {
    List<HistoryEntry> out = new ArrayList<>();
    for (HistoryEntry e : entries) {
      if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
        out.add(e);
      }
    }
    return shape(out, flags);
  }

  @Override
  public synchronized List<HistoryEntry> search(String pattern, int length,
      Set<ResultFlag> flags) {
    Pattern p = Pattern.compile(globToRegex(pattern), Pattern.DOTALL);
    Map<String, HistoryEntry> found = new LinkedHashMap<>();
    List<HistoryEntry> list = new ArrayList<>();
    for (HistoryEntry e : entries) {
      if (p.matcher(e.getInput()).matches()) {
        if (flags.contains(ResultFlag.UNIQUE)) {
          found.remove(e.getInput());
          found.put(e.getInput(), e);
        } else {
          list.add(e);
        }
      }
    }
    if (flags.contains(ResultFlag.UNIQUE)) {
      list.addAll(found.values());
    }
    int from = length > 0 ? Math.max(0, list.size() - length) : 0;
    return shape(new ArrayList<>(list.subList(from, list.size())), flags);
  }

  /** IPython's history search pattern: {@code *} and {@code ?} wildcards. */
  static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        sb.append(".*");
      } else if (c == '?') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
