package io.gpubot.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the system's OpenCL library can be there at all, looked for before JOCL loads it: JOCL's native code
 * writes its own lines to standard error when {@code libOpenCL.so.1} is missing, and a missing library must be
 * one line of ours. Linux only; elsewhere (or where the search cannot tell) JOCL is asked directly.
 */
final class OpenClLibrary {

    private static final String NAME = "libOpenCL.so.1";
    private static final List<String> USUAL = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/lib64", "/lib", "/usr/local/lib", "/usr/local/cuda/lib64", "/opt/rocm/lib");

    private OpenClLibrary() {
    }

    /** {@code true} unless this is Linux and no loadable {@value #NAME} is found on the library path, the usual folders or in ldconfig's cache. */
    static boolean mayBePresent() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return true;
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path != null) dirs.addAll(List.of(path.split(":")));
        dirs.addAll(USUAL);
        for (String dir : dirs) {
            if (!dir.isEmpty() && isElf(Path.of(dir, NAME))) return true;
        }
        Boolean cached = inLdconfigCache();
        return cached == null || cached;
    }

    /** Whether ldconfig's cache names a loadable library; {@code null} when ldconfig cannot be asked. */
    private static Boolean inLdconfigCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) continue;
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                String out;
                try (InputStream in = p.getInputStream()) {
                    out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                for (String line : out.split("\n")) {
                    int arrow = line.indexOf("=>");
                    if (line.trim().startsWith(NAME + " ") && arrow > 0 && isElf(Path.of(line.substring(arrow + 2).trim()))) return true;
                }
                return false;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static boolean isElf(Path file) {
        if (!Files.isReadable(file)) return false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }
}
