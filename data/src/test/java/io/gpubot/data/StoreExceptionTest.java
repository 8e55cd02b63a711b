package io.gpubot.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's failures said in a trader's words, not as the SQLite error they surface as. */
class StoreExceptionTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsSaidAsSuch() {
        Path file = dir.resolve("candles.db");
        // SQLITE_FULL (13) and its extended codes carry the primary code in the low byte.
        assertThat(StoreException.reason(file, new SQLException("[SQLITE_FULL] Insertion failed because database is full", "", 13)))
                .isEqualTo("the disk holding " + dir.toAbsolutePath() + " is full; free some space there, or use --home on another disk");
        assertThat(StoreException.reason(file, new SQLException("[SQLITE_READONLY_DIRECTORY]", "", 8 | (6 << 8))))
                .isEqualTo("the file or its folder is read-only for this user; make " + dir.toAbsolutePath()
                        + " writable, or use --home on a writable folder");
    }

    @Test
    void aFileThatIsNoStoreIsCalledDamaged() throws IOException {
        Path file = dir.resolve("candles.db");
        Files.write(file, "this is not an SQLite file, just some text long enough to look like a header....".repeat(20).getBytes());
        assertThatThrownBy(() -> CandleStore.open(file)).isInstanceOf(StoreException.class)
                .hasMessage("cannot open the candle store " + file
                        + ": the file is damaged or is not a gpubot candle store; move it away and import the candles again");
    }
}
