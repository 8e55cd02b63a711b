package io.gpubot.opencl;

/** No OpenCL device can be used here; the message is one line saying why and what to do. */
public final class OpenClUnavailableException extends Exception {

    public OpenClUnavailableException(String message) {
        super(message);
    }
}
