package io.gpubot.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gpubot credentials} as a script drives it: answers on standard input, the master password from a file. */
class CredentialsCliTest {

    static final String KEY = "6401f5c3e2b3a90001a1b2c3";
    static final String SECRET = "8f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path home;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    Cli.Result gpubot(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return Cli.run(home, args);
    }

    Path passwordFile(String password) throws Exception {
        Path f = Files.createTempFile(home.getParent(), "master", ".txt");
        Files.writeString(f, password + "\n");
        return f;
    }

    @Test
    void setStatusDeleteRoundTripWithoutLeakingASecret() throws Exception {
        Path master = passwordFile("a long master password");
        Cli.Result set = gpubot("live\n" + KEY + "\n" + SECRET + "\n" + PASSPHRASE + "\n",
                "credentials", "set", "--password-file", master.toString());
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("Saved the credentials of key ").contains("(live, https://api-futures.kucoin.com)");
        Path file = home.resolve("credentials.enc");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Cli.Result status = gpubot("", "credentials", "status", "--password-file", master.toString());
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("Permissions: file rw-------").contains("(private)").contains("Environment: live")
                .containsPattern("Key: +6401.*b2c3");

        Cli.Result locked = gpubot("", "credentials", "status");
        assertThat(locked.out()).contains("(locked: give the master password to see it)");

        String everything = set.out() + set.err() + status.out() + status.err() + Files.readString(file)
                + (Files.exists(home.resolve("logs/gpubot.log")) ? Files.readString(home.resolve("logs/gpubot.log")) : "");
        assertThat(everything).doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY);

        Cli.Result delete = gpubot("", "credentials", "delete", "--yes");
        assertThat(delete.out()).contains("Deleted");
        assertThat(file).doesNotExist();
        assertThat(gpubot("", "credentials", "status").out()).contains("No credentials are stored");
    }

    @Test
    void aWrongMasterPasswordIsOneClearError() throws Exception {
        gpubot("sandbox\nhttp://127.0.0.1:8123\n" + KEY + "\n" + SECRET + "\n" + PASSPHRASE + "\n",
                "credentials", "set", "--password-file", passwordFile("right password").toString());
        Cli.Result r = gpubot("", "credentials", "status", "--password-file", passwordFile("wrong password").toString());
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception").doesNotContain(SECRET);
        Cli.Result right = gpubot("", "credentials", "status", "--password-file", passwordFile("right password").toString());
        assertThat(right.out()).contains("Environment: sandbox http://127.0.0.1:8123");
    }

    @Test
    void replacingStoredCredentialsAsksFirst() throws Exception {
        Path master = passwordFile("pw pw pw pw");
        gpubot("live\n" + KEY + "\n" + SECRET + "\n" + PASSPHRASE + "\n", "credentials", "set", "--password-file", master.toString());
        Cli.Result declined = gpubot("n\n", "credentials", "set", "--password-file", master.toString());
        assertThat(declined.code()).isEqualTo(Main.USER_ERROR);
        assertThat(declined.err()).contains("kept the stored credentials; pass --force to replace them");
    }

    @Test
    void missingAnswersAndMissingLegacyFilesSayWhatIsWrong() throws Exception {
        Cli.Result cut = gpubot("live\n" + KEY + "\n", "credentials", "set", "--password-file", passwordFile("pw").toString());
        assertThat(cut.code()).isEqualTo(Main.USER_ERROR);
        assertThat(cut.err()).contains("error: input ended before the answer to: API secret:");
        assertThat(home.resolve("credentials.enc")).doesNotExist();

        Cli.Result legacy = gpubot("", "credentials", "import-legacy", "--password-file", passwordFile("pw").toString());
        assertThat(legacy.code()).isEqualTo(Main.USER_ERROR);
        assertThat(legacy.err().strip()).startsWith("error: ").doesNotContain("Exception");
    }

    @Test
    void aDamagedOrTamperedFileAndAWeakNewPasswordAreOneLineEach() throws Exception {
        String nl = System.lineSeparator();
        Cli.Result weak = gpubot("live\n" + KEY + "\n" + SECRET + "\n" + PASSPHRASE + "\n", "credentials", "set",
                "--password-file", passwordFile("pw").toString());
        assertThat(weak.code()).isEqualTo(Main.USER_ERROR);
        assertThat(weak.err()).endsWith("error: a new master password needs at least 10 characters, not all the same; a few words are"
                + " easy to remember (credentials stored under a shorter one still open with it)" + nl);
        assertThat(home.resolve("credentials.enc")).doesNotExist();

        Path master = passwordFile("a long master password");
        assertThat(gpubot("live\n" + KEY + "\n" + SECRET + "\n" + PASSPHRASE + "\n", "credentials", "set", "--password-file",
                master.toString()).code()).isZero();
        Path file = home.resolve("credentials.enc");
        Files.writeString(file, Files.readString(file).replaceFirst("\"iterations\" : \\d+", "\"iterations\" : 2000000000"));
        Cli.Result tampered = gpubot("", "credentials", "status", "--password-file", master.toString());
        assertThat(tampered.code()).isEqualTo(Main.USER_ERROR);
        assertThat(tampered.err()).isEqualTo("error: " + file + " is damaged: it claims 2000000000 key-derivation iterations (gpubot writes"
                + " 600000); delete it with gpubot credentials delete and store the credentials again with gpubot credentials set" + nl);

        Files.write(file, new byte[0]);
        Cli.Result empty = gpubot("", "credentials", "status");
        assertThat(empty.code()).isZero();
        assertThat(empty.out()).contains("(damaged: neither gpubot's format nor the original system's").doesNotContain("original system's format:");
    }
}
