package io.gpubot.app.menu;

import io.gpubot.live.Journal;
import io.gpubot.live.SessionInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The sessions in {@code <home>/sessions} of one mode, by name, to offer for resuming; unreadable journals are left out. */
final class SessionList {

    private SessionList() {
    }

    static Map<String, SessionInfo> of(Path home, String mode) {
        Path folder = home.resolve("sessions");
        Map<String, SessionInfo> sessions = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) return sessions;
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".db")).sorted().toList();
        } catch (IOException e) {
            return sessions;
        }
        for (Path f : files) {
            try (Journal j = Journal.open(f)) {
                j.session().filter(i -> i.mode().equals(mode)).ifPresent(i -> sessions.put(i.id(), i));
            } catch (RuntimeException unreadable) {
                // gpubot sessions list names it; here it is simply not offered.
            }
        }
        return sessions;
    }
}
