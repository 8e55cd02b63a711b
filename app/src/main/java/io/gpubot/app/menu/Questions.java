package io.gpubot.app.menu;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One mode's settings, asked one by one: each shows its default in brackets (the last run's answer, else
 * the built-in one), Enter keeps it, {@code -} clears an optional one, and a wrong answer is explained
 * and asked again. The complete answers are remembered for next time.
 */
final class Questions {

    /** A check of an answer: null when fine, else the one-line reason. */
    interface Check extends Function<String, String> {
    }

    static final Check ANY = answer -> null;

    private final MenuInput input;
    private final PrintWriter out;
    private final LastRun lastRun;
    private final String mode;
    private final Map<String, String> answers = new LinkedHashMap<>();

    Questions(MenuInput input, PrintWriter out, LastRun lastRun, String mode) {
        this.input = input;
        this.out = out;
        this.lastRun = lastRun;
        this.mode = mode;
    }

    /** A required setting. */
    String ask(String key, String label, String builtInDefault, Check check) {
        return ask(key, label, builtInDefault, check, false);
    }

    /** A setting that may be left empty ({@code -} clears a remembered one); empty means "not given". */
    String optional(String key, String label, Check check) {
        return ask(key, label, "", answer -> answer.isEmpty() ? null : check.apply(answer), true);
    }

    private String ask(String key, String label, String builtInDefault, Check check, boolean optional) {
        String fallback = lastRun.get(mode, key, builtInDefault);
        // A remembered answer this question no longer accepts (a bot with more leverage than the limit last time) is not offered.
        if (!fallback.isEmpty() && !fallback.equals(builtInDefault) && check.apply(fallback) != null) fallback = builtInDefault;
        while (true) {
            String shown = fallback.isEmpty() ? (optional ? "none" : "") : fallback;
            String answer = input.line(label + (shown.isEmpty() ? "" : " [" + shown + "]") + ": ");
            if (answer.isEmpty()) answer = fallback;
            if (optional && answer.equals("-")) answer = "";
            if (answer.isEmpty() && !optional) {
                out.println("  please answer: " + label.toLowerCase(java.util.Locale.ROOT) + " is needed");
                continue;
            }
            String problem = check.apply(answer);
            if (problem != null) {
                out.println("  " + problem);
                out.flush();
                continue;
            }
            answers.put(key, answer);
            return answer;
        }
    }

    /** Replaces an answer by what it stands for (a menu number by the file it chose), so the default next time is stable. */
    void record(String key, String value) {
        answers.put(key, value);
    }

    /** A yes/no question; remembered like the others. */
    boolean yesNo(String key, String label, boolean builtInDefault) {
        String answer = ask(key, label + " (y/n)", builtInDefault ? "y" : "n", a -> switch (a.toLowerCase(java.util.Locale.ROOT)) {
            case "y", "yes", "n", "no" -> null;
            default -> "answer y or n";
        });
        return answer.toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    /** Writes the answers as next time's defaults (atomically, and only now that they are complete). */
    void remember() {
        try {
            lastRun.save(mode, answers);
        } catch (IOException e) {
            out.println("warning: cannot remember these answers (" + e.getMessage() + ")");
        }
    }
}
