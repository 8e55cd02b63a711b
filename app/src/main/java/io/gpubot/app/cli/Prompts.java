package io.gpubot.app.cli;

import io.gpubot.core.UserException;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Asks the person at the keyboard: answers shown as typed, or hidden for secrets. Without a terminal
 * (a script, a test) the answers are read as lines from standard input, one per question.
 */
public final class Prompts {

    private static InputStream readerSource;
    private static BufferedReader reader;

    private final Console console;
    private final PrintWriter out;

    private Prompts(Console console, PrintWriter out) {
        this.console = console;
        this.out = out;
    }

    public static Prompts forProcess(PrintWriter out) {
        return new Prompts(System.console(), out);
    }

    public boolean interactive() {
        return console != null;
    }

    /** An answer shown as it is typed; {@code fallback} when the answer is empty. */
    public String line(String question, String fallback) {
        String answer;
        if (console != null) {
            answer = console.readLine("%s", question);
        } else {
            out.print(question);
            out.flush();
            answer = stdinLine();
        }
        if (answer == null) throw new UserException("input ended before the answer to: " + question.strip());
        answer = answer.strip();
        return answer.isEmpty() && fallback != null ? fallback : answer;
    }

    /** An answer hidden as it is typed. */
    public char[] secret(String question) {
        if (console != null) {
            char[] answer = console.readPassword("%s", question);
            if (answer == null) throw new UserException("input ended before the answer to: " + question.strip());
            return answer;
        }
        out.print(question);
        out.println();
        out.flush();
        String answer = stdinLine();
        if (answer == null) throw new UserException("input ended before the answer to: " + question.strip());
        return answer.toCharArray();
    }

    public boolean confirm(String question) {
        String answer = line(question + " [y/N] ", "n");
        return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
    }

    private static synchronized String stdinLine() {
        if (reader == null || readerSource != System.in) {
            readerSource = System.in;
            reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UserException("cannot read standard input: " + e.getMessage());
        }
    }
}
