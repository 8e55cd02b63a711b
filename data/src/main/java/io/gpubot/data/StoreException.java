package io.gpubot.data;

import io.gpubot.core.UserException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The candle store cannot be opened, read or written (a locked, corrupt or unwritable file). The
 * message names the file and what failed.
 */
public final class StoreException extends UserException {

    /** Below this much free space SQLite's generic I/O errors are most likely a full disk. */
    private static final long NEARLY_FULL_BYTES = 4L << 20;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What went wrong in a trader's words, from SQLite's primary result code
     * (https://www.sqlite.org/rescode.html) and the free space of the disk that holds {@code file}:
     * a full disk or a read-only folder is said as such, not as the SQLite error it surfaces as.
     */
    static String reason(Path file, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        if (primary == 13 || nearlyFull(file)) return diskFull(file);       // SQLITE_FULL
        return switch (primary) {
            case 8, 23 -> "the file or its folder is read-only for this user; make " + folder(file)
                    + " writable, or use --home on a writable folder";                                  // SQLITE_READONLY, SQLITE_AUTH
            case 14 -> "the file cannot be opened: check that " + folder(file) + " exists and is writable, or use --home elsewhere"; // SQLITE_CANTOPEN
            case 5, 6 -> "another gpubot is writing to it; wait for it to finish and try again";         // SQLITE_BUSY, SQLITE_LOCKED
            case 11, 26 -> "the file is damaged or is not a gpubot candle store; move it away and import the candles again"; // SQLITE_CORRUPT, SQLITE_NOTADB
            case 10 -> "the disk reported an input/output error (" + e.getMessage() + ")";              // SQLITE_IOERR
            default -> e.getMessage();
        };
    }

    static String reason(Path file, IOException e) {
        if (nearlyFull(file)) return diskFull(file);
        if (e instanceof AccessDeniedException) return "permission denied; make " + folder(file) + " writable, or use --home elsewhere";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }

    private static String diskFull(Path file) {
        return "the disk holding " + folder(file) + " is full; free some space there, or use --home on another disk";
    }

    private static Path folder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }

    private static boolean nearlyFull(Path file) {
        for (Path dir = folder(file); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir)) {
                try {
                    return Files.getFileStore(dir).getUsableSpace() < NEARLY_FULL_BYTES;
                } catch (IOException | SecurityException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
