/// Every captured format `edgebench telemetry parse` and `edgebench energy` read, by name.
public enum TelemetryLogFormat: String, Sendable, CaseIterable {
    case tegrastats, pmic
    case nvidiaSMI = "nvidia-smi"
    case rknpu, shelly, tasmota, hwmon

    var parser: any TelemetryLogParser.Type {
        switch self {
        case .tegrastats: TegrastatsLog.self
        case .pmic: PMICLog.self
        case .nvidiaSMI: NvidiaSMILog.self
        case .rknpu: RKNPULoadLog.self
        case .shelly: ShellyLog.self
        case .tasmota: TasmotaLog.self
        case .hwmon: HwmonLog.self
        }
    }

    public func parse(_ text: String) throws -> TelemetryLog { try parser.parse(text) }
}
