package io.gpubot.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs {@code gpubot --home HOME args...} in-process and captures what it printed and its exit code. */
final class Cli {

    /** What one command printed and returned. */
    record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    static Result run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Result(code, out.toString(), err.toString());
    }
}
