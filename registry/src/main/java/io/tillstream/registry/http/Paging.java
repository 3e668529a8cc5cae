package io.tillstream.registry.http;

import io.javalin.http.Context;

import java.util.List;

/** Confluent's {@code offset} and {@code limit} (-1 for no limit) query parameters. */
final class Paging {

    private Paging() {
    }

    static <T> List<T> page(Context ctx, List<T> all) {
        int offset = Math.max(0, Params.integer(ctx, "offset", 0));
        int limit = Params.integer(ctx, "limit", -1);
        if (offset >= all.size()) {
            return List.of();
        }
        int end = limit < 0 ? all.size() : (int) Math.min(all.size(), (long) offset + limit);
        return all.subList(offset, end);
    }
}
