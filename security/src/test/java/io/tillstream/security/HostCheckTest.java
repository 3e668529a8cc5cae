package io.tillstream.security;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostCheckTest {

    private final HostCheck check = new HostCheck(List.of("Sales.Example.com"), (status, message) -> new IllegalStateException(message));

    @Test
    void loopbackAddressesThisMachineAndConfiguredNamesAreAnsweredOtherNamesNot() throws Exception {
        assertThat(List.of("localhost:8081", "127.0.0.1:8081", "[::1]:8081", "10.1.2.3", "[fe80::1]:9021",
            "sales.example.com:8081", "SALES.EXAMPLE.COM", InetAddress.getLocalHost().getHostName() + ":9021"))
            .allSatisfy(host -> assertThat(check.answers(host)).as(host).isTrue());
        assertThat(List.of("evil.example.net:8081", "sales.example.com.evil.net", "127.0.0.1.nip.io"))
            .allSatisfy(host -> assertThat(check.answers(host)).as(host).isFalse());
    }
}
