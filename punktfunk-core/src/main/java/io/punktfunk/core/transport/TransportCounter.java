package io.punktfunk.core.transport;

/**
 * Data-plane transport counters, each with a stable id (its index in {@link TransportStats}) and
 * a label as the stats endpoint prints it (punktfunk-reference.md §1.14 names where they exist).
 */
public enum TransportCounter {
    /** Datagrams handed to the kernel (or the loopback peer). */
    PACKETS_SENT(0, "packets_sent"),
    /** Payload bytes of {@link #PACKETS_SENT}. */
    BYTES_SENT(1, "bytes_sent"),
    /** Datagrams dropped because the send buffer was full (EAGAIN); never an error. */
    PACKETS_SEND_DROPPED(2, "packets_send_dropped"),
    /** Datagrams dropped on a transient send error (ECONNREFUSED, ENOBUFS, EHOSTUNREACH, ...). */
    PACKETS_SEND_TRANSIENT_DROPPED(3, "packets_send_transient_dropped"),
    /** Datagrams delivered to the caller by {@code recvBatch}. */
    PACKETS_RECEIVED(4, "packets_received"),
    /** Payload bytes of {@link #PACKETS_RECEIVED}. */
    BYTES_RECEIVED(5, "bytes_received"),
    /** Received datagrams longer than the batch's maximum (truncated by the kernel), dropped. */
    PACKETS_TRUNCATED(6, "packets_truncated"),
    /** Transient errors reported by a receive call (e.g. ICMP port unreachable on a connected socket). */
    RECV_TRANSIENT_ERRORS(7, "recv_transient_errors"),
    /** Send system calls (sendmmsg, sendto, or one channel send each). */
    SEND_SYSCALLS(8, "send_syscalls"),
    /** Receive system calls (recvmmsg, or one channel receive each), including empty ones. */
    RECV_SYSCALLS(9, "recv_syscalls"),
    /** Wait system calls (ppoll/select) made by {@code awaitReadable}. */
    POLL_SYSCALLS(10, "poll_syscalls"),
    /** UDP GSO super-datagrams sent (each carries 2..64 datagrams). */
    GSO_SUPER_DATAGRAMS(11, "gso_super_datagrams"),
    /** UDP GRO super-datagrams received and split (each carried 2 or more datagrams). */
    GRO_SUPER_DATAGRAMS(12, "gro_super_datagrams"),
    /** Datagrams an {@link ImpairedTransport} dropped on purpose (random, burst or pattern loss). */
    IMPAIR_DROPPED(13, "impair_dropped"),
    /** Datagrams an {@link ImpairedTransport} dropped to hold its rate cap. */
    IMPAIR_RATE_DROPPED(14, "impair_rate_dropped"),
    /** Extra copies an {@link ImpairedTransport} sent. */
    IMPAIR_DUPLICATED(15, "impair_duplicated"),
    /** Datagrams an {@link ImpairedTransport} held back and released out of order. */
    IMPAIR_REORDERED(16, "impair_reordered"),
    /** Datagrams an {@link ImpairedTransport} sent with flipped bits. */
    IMPAIR_CORRUPTED(17, "impair_corrupted");

    private static final TransportCounter[] BY_ID = values();

    private final int id;
    private final String label;

    TransportCounter(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Stable numeric id. */
    public int id() {
        return id;
    }

    /** Snake-case label as exported by the stats endpoint. */
    public String label() {
        return label;
    }

    /** The counter with this id. */
    public static TransportCounter byId(int id) {
        return BY_ID[id];
    }
}
