import EdgeBenchCore
import Foundation

/// What to run: the expanded configurations and where they came from.
public struct RunPlan: Sendable {
    public var name: String?
    /// the plan's text (YAML, or a synthesised description of a one-off run), stored for provenance
    public var text: String
    public var hash: String
    public var configurations: [Configuration]
    /// configuration id → the hardware it runs on (see `DeviceResolution`); absent when unknown
    public var devices: [String: Device]
    /// the plan's inputs to derived metrics, stored with the run; nil = the defaults
    public var analysis: AnalysisParameters?

    public init(
        name: String?, text: String, hash: String, configurations: [Configuration], devices: [String: Device] = [:],
        analysis: AnalysisParameters? = nil
    ) {
        self.name = name
        self.text = text
        self.hash = hash
        self.configurations = configurations
        self.devices = devices
        self.analysis = analysis
    }
}
