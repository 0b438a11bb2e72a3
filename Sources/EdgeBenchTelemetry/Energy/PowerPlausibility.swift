import EdgeBenchCore
import Foundation

/// The most power a measurement boundary can physically carry: a sample outside [0, ceiling] W is a
/// corrupted read (a garbled tegrastats line made a Jetson Nano draw 885 kW), never a measurement.
/// Such samples are dropped, counted and flagged `implausible_samples`, and energy is never integrated
/// across them (METRICS.md, Power and energy).
public struct PowerPlausibility: Sendable, Equatable {
    /// W
    public var ceiling: Double
    /// where the ceiling comes from, for messages
    public var basis: String

    public init(ceiling: Double, basis: String) {
        self.ceiling = ceiling
        self.basis = basis
    }

    /// Ten times the device's rated maximum where the catalog (or the plan) gives one: no reading of any
    /// boundary of that device comes near it. Else the boundary's own physical limit (`ceilings`).
    public static func bound(for boundary: MeasurementBoundary, ratedMaximum: Double?) -> PowerPlausibility {
        if let ratedMaximum, ratedMaximum > 0, ratedMaximum.isFinite {
            return PowerPlausibility(
                ceiling: 10 * ratedMaximum, basis: "10 × the device's rated maximum of \(format(ratedMaximum)) W")
        }
        let (ceiling, why) = ceilings[boundary] ?? (Double.infinity, "")
        return PowerPlausibility(ceiling: ceiling, basis: why)
    }

    /// Per boundary, without a rated maximum: what no device measured there can draw.
    static let ceilings: [MeasurementBoundary: (Double, String)] = [
        .wallAC: (3680, "3680 W, the most one 16 A / 230 V socket delivers"),
        .boardDC: (600, "600 W, 10 × the largest edge board's rated maximum (Jetson AGX Orin 64 GB, 60 W)"),
        .moduleInput: (600, "600 W, 10 × the largest edge board's rated maximum (Jetson AGX Orin 64 GB, 60 W)"),
        .socRails: (600, "600 W, 10 × the largest edge board's rated maximum (Jetson AGX Orin 64 GB, 60 W)"),
        .gpuBoard: (2000, "2000 W, twice the largest GPU board's rated power (1000 W)"),
        .cpuPackage: (1000, "1000 W, twice the largest CPU package's rated power (500 W)"),
    ]

    /// A power sample: finite, not negative, not above the ceiling.
    public func accepts(_ watts: Double) -> Bool { watts.isFinite && watts >= 0 && watts <= ceiling }

    /// "885000 W at 12 s is above 250 W (10 × …)" / "-5 W is negative"
    public func reason(_ watts: Double) -> String {
        if !watts.isFinite { return "\(watts) W is not a number" }
        if watts < 0 { return "\(Self.format(watts)) W is negative" }
        return "\(Self.format(watts)) W is above \(basis)"
    }

    static func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
