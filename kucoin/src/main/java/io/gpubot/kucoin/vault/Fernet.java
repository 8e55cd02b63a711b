package io.gpubot.kucoin.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts Fernet tokens (https://github.com/fernet/spec), the format the original Python system
 * stored its credentials in: version 0x80, 8-byte timestamp, 16-byte IV, AES-128-CBC ciphertext,
 * HMAC-SHA256 over all of it with the first half of the 32-byte key as signing key.
 */
final class Fernet {

    private static final int VERSION = 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int MAC_LENGTH = 32;

    private Fernet() {
    }

    /** A Fernet key as stored: 32 bytes in URL-safe base64 (or the raw 32 bytes). */
    static byte[] parseKey(byte[] stored) {
        if (stored.length == 32) return stored.clone();
        String text = new String(stored, StandardCharsets.US_ASCII).trim();
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new VaultException(VaultException.Reason.LEGACY_KEY, "the legacy .key file is not a Fernet key (URL-safe base64 of 32 bytes)");
        }
        if (key.length != 32) throw new VaultException(VaultException.Reason.LEGACY_KEY, "the legacy .key file holds " + key.length + " bytes, a Fernet key has 32");
        return key;
    }

    /** The plaintext of the token; the token's age is not checked (the legacy file has no expiry). */
    static byte[] decrypt(String token, byte[] key) {
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(token.trim());
        } catch (IllegalArgumentException e) {
            throw new VaultException(VaultException.Reason.CORRUPT, "the legacy credentials file is not a Fernet token");
        }
        if (data.length < HEADER + 16 + MAC_LENGTH || (data[0] & 0xff) != VERSION || (data.length - HEADER - MAC_LENGTH) % 16 != 0) {
            throw new VaultException(VaultException.Reason.CORRUPT, "the legacy credentials file is not a Fernet token");
        }
        SecretKeySpec signingKey = new SecretKeySpec(key, 0, 16, "HmacSHA256");
        SecretKeySpec encryptionKey = new SecretKeySpec(key, 16, 16, "AES");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signingKey);
            mac.update(data, 0, data.length - MAC_LENGTH);
            byte[] expected = mac.doFinal();
            byte[] actual = Arrays.copyOfRange(data, data.length - MAC_LENGTH, data.length);
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new VaultException(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED,
                        "the legacy credentials do not match the legacy .key file (wrong key or modified file)");
            }
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(data, 9, 16));
            return cipher.doFinal(data, HEADER, data.length - HEADER - MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new VaultException(VaultException.Reason.CORRUPT, "the legacy credentials could not be decrypted: " + e.getClass().getSimpleName());
        }
    }

    /** Seconds since the epoch at which the token was made. */
    static long timestamp(String token) {
        byte[] data = Base64.getUrlDecoder().decode(token.trim());
        long t = 0;
        for (int i = 1; i <= 8; i++) t = (t << 8) | (data[i] & 0xff);
        return t;
    }
}
