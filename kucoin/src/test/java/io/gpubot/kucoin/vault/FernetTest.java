package io.gpubot.kucoin.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FernetTest {

    static final String SPEC_KEY = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    static final String SPEC_TOKEN = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

    @Test
    void decryptsTheSpecVector() {
        byte[] key = Fernet.parseKey(SPEC_KEY.getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(Fernet.decrypt(SPEC_TOKEN, key), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(Fernet.timestamp(SPEC_TOKEN)).isEqualTo(OffsetDateTime.parse("1985-10-26T01:20:00-07:00").toEpochSecond());
    }

    @Test
    void aTokenBuiltFromTheSpecDecrypts() {
        byte[] key = Fernet.parseKey(SPEC_KEY.getBytes(StandardCharsets.US_ASCII));
        byte[] iv = new byte[16];
        for (int i = 0; i < 16; i++) iv[i] = (byte) i;
        String token = FernetTokens.encrypt(key, "hello".getBytes(StandardCharsets.UTF_8), 499162800L, iv);
        assertThat(token).isEqualTo(SPEC_TOKEN);
        String longer = FernetTokens.encrypt(key, "{\"api_key\":\"k\"}".repeat(5).getBytes(StandardCharsets.UTF_8), 1_700_000_000L, iv);
        assertThat(new String(Fernet.decrypt(longer, key), StandardCharsets.UTF_8)).isEqualTo("{\"api_key\":\"k\"}".repeat(5));
    }

    @Test
    void aModifiedTokenOrWrongKeyIsRejected() {
        byte[] key = Fernet.parseKey(SPEC_KEY.getBytes(StandardCharsets.US_ASCII));
        byte[] raw = Base64.getUrlDecoder().decode(SPEC_TOKEN);
        raw[30] ^= 1;
        String tampered = Base64.getUrlEncoder().encodeToString(raw);
        assertThatThrownBy(() -> Fernet.decrypt(tampered, key))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED));
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> Fernet.decrypt(SPEC_TOKEN, otherKey)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> Fernet.decrypt("not a token", key))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.CORRUPT));
        assertThatThrownBy(() -> Fernet.parseKey("c2hvcnQ=".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.LEGACY_KEY));
    }
}
