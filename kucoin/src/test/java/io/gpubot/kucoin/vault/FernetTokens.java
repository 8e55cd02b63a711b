package io.gpubot.kucoin.vault;

import java.nio.ByteBuffer;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Builds Fernet tokens exactly as the spec describes, to stand in for the original system's files. */
final class FernetTokens {
    private FernetTokens() {
    }

    static String encrypt(byte[] key, byte[] plaintext, long timestampSeconds, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 16, 16, "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintext);
            ByteBuffer body = ByteBuffer.allocate(1 + 8 + 16 + ciphertext.length + 32);
            body.put((byte) 0x80).putLong(timestampSeconds).put(iv).put(ciphertext);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, 16, "HmacSHA256"));
            mac.update(body.array(), 0, body.position());
            body.put(mac.doFinal());
            return Base64.getUrlEncoder().encodeToString(body.array());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
