package io.gpubot.kucoin;

import java.util.List;

/** One page of a paginated KuCoin listing. */
public record Page<T>(int currentPage, int pageSize, int totalNum, int totalPage, List<T> items) {
    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
