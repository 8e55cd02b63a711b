package io.gpubot.app.menu;

/** Thrown when the user backs out (Ctrl-C at a prompt, a refused confirmation): the menu shows itself again. */
final class BackToMenu extends RuntimeException {

    BackToMenu(String why) {
        super(why, null, false, false);
    }
}
