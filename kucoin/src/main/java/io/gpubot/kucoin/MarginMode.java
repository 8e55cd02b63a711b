package io.gpubot.kucoin;

/** KuCoin's margin modes; gpubot trades ISOLATED. */
public enum MarginMode { ISOLATED, CROSS }
