package io.punktfunk.core.stats;

/**
 * Every data-plane counter, with a stable numeric id (never reused or renumbered: dashboards and
 * the REST API key on it) and a snake_case label (punktfunk-reference.md §1.14 names).
 *
 * <p>Receive-side accounting is exact: every datagram offered to the receive path bumps
 * {@link #PACKETS_RECEIVED} and then exactly one of {@link #PACKETS_ACCEPTED},
 * {@link #PACKETS_UNNEEDED} or {@link #PACKETS_DROPPED}; a drop also bumps exactly one
 * {@code DROP_*} reason counter. Send-side packets and bytes live in the transport's
 * {@code TransportCounter}s (only it knows what the kernel took); {@code SessionStats} joins both.
 */
public enum DataPlaneCounter {
    /** Frames handed to the packetizer and sealed (sender). */
    FRAMES_SUBMITTED(1, "frames_submitted"),
    /** Frames delivered whole to the receiver's caller. */
    FRAMES_COMPLETED(2, "frames_completed"),
    /** Incomplete frames abandoned after the loss window (or for a coder failure); triggers recovery. */
    FRAMES_DROPPED(3, "frames_dropped"),
    // Ids 4-6 (packets_sent, packets_send_dropped, bytes_sent) are retired: the transport counts
    // sends (TransportCounter) and SessionStats folds them in, so they are never counted twice.
    /** Datagrams offered to the receive path, good or bad. */
    PACKETS_RECEIVED(7, "packets_received"),
    /** Wire bytes offered to the receive path. */
    BYTES_RECEIVED(8, "bytes_received"),
    /** Authentic datagrams that were stored, restored a block, or counted as late originals or probes. */
    PACKETS_ACCEPTED(9, "packets_accepted"),
    /**
     * Datagrams not needed: shards of a block or frame that was already complete or delivered,
     * typically parity after all data arrived. Normal with FEC, so not a drop. Most are judged
     * from the header before the AES-GCM open (to save the decrypt), so they are not authenticated.
     */
    PACKETS_UNNEEDED(10, "packets_unneeded"),
    /** Datagrams rejected on receive, whatever the reason (sum of the {@code DROP_*} counters). */
    PACKETS_DROPPED(11, "packets_dropped"),
    /** Drop: bad magic or version, too short, or length not header + shard + tag. */
    DROP_MALFORMED(12, "drop_malformed"),
    /** Drop: header fields outside the negotiated limits or inconsistent with each other. */
    DROP_GEOMETRY(13, "drop_geometry"),
    /** Drop: header disagrees with the geometry its frame or block pinned earlier. */
    DROP_MISMATCH(14, "drop_mismatch"),
    /** Drop: sequence already seen or older than the replay window. */
    DROP_REPLAY(15, "drop_replay"),
    /** Drop: AEAD tag did not verify (forged, corrupted, or wrong key). */
    DROP_AEAD(16, "drop_aead"),
    /** Drop: shard of an abandoned frame, or of a frame outside the loss window. */
    DROP_STALE(17, "drop_stale"),
    /** Drop: a shard already held arrived again under a new sequence (a sender bug). */
    DROP_DUPLICATE(18, "drop_duplicate"),
    /** Drop: storing it would exceed the in-flight memory budget or the frame slots. */
    DROP_BUDGET(19, "drop_budget"),
    /** Drop: the datagram filled the receive buffer, so it may have been cut. */
    DROP_TRUNCATED(20, "drop_truncated"),
    /** Originals restored by FEC reconstruction. */
    FEC_RECOVERED_SHARDS(21, "fec_recovered_shards"),
    /** Originals that arrived after FEC had already restored them (net loss = recovered − late). */
    FEC_LATE_SHARDS(22, "fec_late_shards"),
    /** Bytes of delivered frames (frame bytes: no padding, no parity). */
    MEDIA_BYTES_RECEIVED(23, "media_bytes_received"),
    /** Accepted speed-test filler packets (counted, never reassembled). */
    PROBE_PACKETS_RECEIVED(24, "probe_packets_received"),
    /** Wire bytes of accepted speed-test filler packets. */
    PROBE_BYTES_RECEIVED(25, "probe_bytes_received"),
    /**
     * Drop, before any crypto: the key phase names an epoch this receiver holds no key for (the previous
     * epoch after its overlap ended, or two epochs away).
     */
    DROP_KEY_EPOCH(26, "drop_key_epoch"),
    /** Key updates: epochs the sender moved to, or the receiver followed (after the first packet of the new epoch opened). */
    KEY_UPDATES(27, "key_updates"),
    /** Drop, before any crypto: the datagram came from an address other than the session's peer. */
    DROP_FOREIGN_SENDER(28, "drop_foreign_sender");

    private final int id;
    private final String label;

    DataPlaneCounter(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Stable id, unique across the enum. */
    public int id() {
        return id;
    }

    /** Stable snake_case label. */
    public String label() {
        return label;
    }
}
