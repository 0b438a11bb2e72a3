import EdgeBenchCore

/// A constant mean power read off a meter's display: every read returns it, so energy is power × time.
/// Results using it are flagged `manual`; it is an estimate of the window's power, not a measurement of it.
public struct ManualPowerSource: TelemetrySource {
    public let watts: Double
    public let description: SourceDescription

    public init(watts: Double, boundary: MeasurementBoundary) {
        self.watts = watts
        self.description = SourceDescription(
            id: "manual", kind: "manual", boundary: boundary, isEstimate: true,
            detail: "\(watts) W read off a meter's display by the user (constant)")
    }

    public func read() throws -> [Reading] { [Reading(channel: "manual", quantity: .power, value: watts)] }
}
