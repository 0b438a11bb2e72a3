import EdgeBenchCore

/// How every multi-channel sysfs source reads: each channel it can; a channel that fails is left out
/// (a sensor that vanished mid-run is a gap, never a zero); if none could be read, an error naming the
/// first failure.
enum ChannelReads {
    static func read<Channels: Sequence>(
        _ channels: Channels, source: String, _ reading: (Channels.Element) throws(TelemetryError) -> Reading
    ) throws(TelemetryError) -> [Reading] {
        var readings: [Reading] = []
        readings.reserveCapacity(channels.underestimatedCount)
        try read(channels, source: source, into: &readings, reading)
        return readings
    }

    /// The same, appending to the sampler's reused buffer.
    static func read<Channels: Sequence>(
        _ channels: Channels, source: String, into readings: inout [Reading],
        _ reading: (Channels.Element) throws(TelemetryError) -> Reading
    ) throws(TelemetryError) {
        let before = readings.count
        var firstError: TelemetryError?
        for channel in channels {
            do {
                readings.append(try reading(channel))
            } catch {
                firstError = firstError ?? error
            }
        }
        if readings.count == before, let firstError {
            throw TelemetryError.noReadableChannel(source: source, firstError: firstError.description)
        }
    }
}
