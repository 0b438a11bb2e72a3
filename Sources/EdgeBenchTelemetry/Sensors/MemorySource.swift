import EdgeBenchCore

/// System memory from `/proc/meminfo` (kB → bytes): channels `mem_available` and
/// `mem_used` (= MemTotal − MemAvailable, i.e. what the kernel could not hand to a new program).
public struct MemorySource: TelemetrySource {
    public let path: String
    public let description: SourceDescription

    public init(root: String = "/") {
        path = RootPath(root).path("/proc/meminfo")
        description = SourceDescription(
            id: "memory", kind: "meminfo", boundary: .system,
            detail: "MemTotal and MemAvailable from \(path)"
        )
    }

    public func read() throws -> [Reading] {
        let text = try SmallFile.contents(of: path)
        let fields = try SysfsText.kilobyteFields(text, path: path, fields: ["MemTotal", "MemAvailable"])
        let total = fields["MemTotal"] ?? 0
        let available = fields["MemAvailable"] ?? 0
        return [
            Reading(channel: "mem_available", quantity: .memory, value: available),
            Reading(channel: "mem_used", quantity: .memory, value: total - available),
        ]
    }
}
