/// What a `--query-gpu` field measures and how its number converts to SI. Fields that are not
/// measurements of the running GPU (limits, maxima, names, states) have no entry and are not read.
struct NvidiaSMIField {
    var kind: LogReading.Kind
    /// SI unit, as `LogReading.unit` spells it
    var unit: String
    /// nvidia-smi's unit → SI (MiB → B, MHz → Hz)
    var scale: Double

    static func measured(_ name: String) -> NvidiaSMIField? {
        switch name {
        case "power.draw", "power.draw.average", "power.draw.instant":
            NvidiaSMIField(kind: .power, unit: "W", scale: 1)
        case "temperature.gpu", "temperature.memory":
            NvidiaSMIField(kind: .temperature, unit: "C", scale: 1)
        case "utilization.gpu", "utilization.memory", "utilization.encoder", "utilization.decoder":
            NvidiaSMIField(kind: .utilisation, unit: "%", scale: 1)
        case "memory.used", "memory.free", "memory.reserved":
            NvidiaSMIField(kind: .memory, unit: "B", scale: 1024 * 1024)
        case "clocks.sm", "clocks.gr", "clocks.mem", "clocks.video",
             "clocks.current.sm", "clocks.current.graphics", "clocks.current.memory", "clocks.current.video":
            NvidiaSMIField(kind: .frequency, unit: "Hz", scale: 1_000_000)
        default:
            nil
        }
    }

    /// Fields naming the GPU a row belongs to, in order of preference.
    static let identities = ["index", "uuid", "gpu_uuid", "pci.bus_id", "gpu_bus_id"]

    /// `power.draw [W]` → `power.draw`; nil when the cell is not a field name (so the line is data).
    static func headerName(_ cell: Substring) -> String? {
        var name = cell
        if let bracket = cell.firstIndex(of: " ") {
            let unit = cell[bracket...].drop(while: { $0 == " " })
            guard unit.hasPrefix("["), unit.hasSuffix("]") else { return nil }
            name = cell[..<bracket]
        }
        guard let first = name.first, first.isLowercase,
              name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "." || $0 == "_" }) else { return nil }
        return String(name)
    }

    /// The number of a cell (`86 %`, `863.87 W`, `48.99`), nil for nvidia-smi's "no value" markers
    /// (`[N/A]`, `[Not Supported]`, `[Unknown Error]`, `N/A`): those are unavailable, never zero.
    enum Cell: Equatable { case number(Double), unavailable, invalid }

    static func cell(_ text: Substring) -> Cell {
        if text.hasPrefix("[") || text == "N/A" || text.isEmpty { return .unavailable }
        let token = text.split(separator: " ").first ?? text
        guard let value = Double(token), value.isFinite else { return .invalid }
        return .number(value)
    }
}
