package io.gpubot.app.menu;

/** Standard input has ended (a piped script ran out, Ctrl-D): the menu quits. */
final class InputEnded extends RuntimeException {

    InputEnded() {
        super("input ended", null, false, false);
    }
}
