package io.tillstream.console.cluster;

/**
 * A broker as the Overview shows it. {@code controller} marks the active KRaft controller,
 * {@code voter} a member of the controller quorum; both false when the cluster does not say.
 * {@code diskTotalBytes} and {@code diskUsableBytes} are -1 when the broker does not report them.
 */
public record Broker(int id, String host, int port, String rack, boolean controller, boolean voter,
                     long logDirBytes, long diskTotalBytes, long diskUsableBytes) {
}
