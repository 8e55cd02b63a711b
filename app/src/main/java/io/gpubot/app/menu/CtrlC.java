package io.gpubot.app.menu;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Catches Ctrl-C (SIGINT) while the menu runs, so it backs out to the menu instead of ending the program.
 * Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK 17+) through reflection:
 * where it is missing or refused, Ctrl-C keeps its usual meaning and the menu still works.
 */
final class CtrlC implements AutoCloseable {

    private final Object signal;
    private final Object previousHandler;

    private CtrlC(Object signal, Object previousHandler) {
        this.signal = signal;
        this.previousHandler = previousHandler;
    }

    /** Installs {@code action} as the INT handler; the returned object restores the previous one. */
    static CtrlC install(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            Object handler = Proxy.newProxyInstance(CtrlC.class.getClassLoader(), new Class<?>[]{handlerClass}, (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "gpubot menu Ctrl-C handler";
                    default -> null;
                };
            });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, handler);
            return new CtrlC(signal, previous);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            return new CtrlC(null, null);
        }
    }

    @Override
    public void close() {
        if (signal == null || previousHandler == null) return;
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, previousHandler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The process is ending the menu; the default Ctrl-C behaviour is only a convenience.
        }
    }
}
