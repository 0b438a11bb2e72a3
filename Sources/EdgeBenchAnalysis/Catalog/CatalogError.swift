/// Why the device catalog did not load: the file, the entry and the field, and what to change.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// e.g. "devices.yaml"
    public var file: String
    /// the entry's id, or "entry N" (1-based) where it has none
    public var entry: String?
    /// the YAML field, e.g. "dimensions_mm"
    public var field: String?
    /// 1-based line of the entry in the file, where known
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, entry: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.entry = entry
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file + (line.map { ":\($0)" } ?? "")
        if let entry { place += ": entry '\(entry)'" }
        if let field { place += ", field '\(field)'" }
        return "\(place): \(message)"
    }
}
