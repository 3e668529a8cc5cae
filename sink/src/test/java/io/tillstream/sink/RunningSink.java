package io.tillstream.sink;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A sink in the test's JVM, run on a thread of its own until stopped. */
record RunningSink(LakeSink sink, CompletableFuture<Void> run) implements AutoCloseable {

    static RunningSink start(Map<String, String> settings) {
        return start(LakeSink.create(new SinkConfig(settings)));
    }

    static RunningSink start(LakeSink sink) {
        sink.start();
        return new RunningSink(sink, CompletableFuture.runAsync(sink::run));
    }

    /** Stops the sink and waits for it to commit what was open; its failure fails the test. */
    void stop() throws Exception {
        sink.stop();
        run.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        sink.stop();
        run.handle((ignored, e) -> null).join();
        sink.close();
    }
}
