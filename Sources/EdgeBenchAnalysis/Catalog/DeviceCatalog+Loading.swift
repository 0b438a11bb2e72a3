import EdgeBenchCore
import Foundation
import Yams

extension DeviceCatalog {
    /// The name errors use for the catalog bundled with EdgeBench.
    public static let bundledFile = "devices.yaml"

    /// The catalog that ships with EdgeBench (`Sources/EdgeBenchAnalysis/Resources/devices.yaml`).
    public static func bundled() throws -> DeviceCatalog {
        guard let url = Bundle.module.url(forResource: "devices", withExtension: "yaml") else {
            throw CatalogError(
                file: bundledFile, message: "not found among EdgeBenchAnalysis's resources; rebuild EdgeBench (swift build)")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CatalogError(file: url.path, message: "cannot be read (\(error.localizedDescription)); rebuild EdgeBench")
        }
        return try DeviceCatalog(yaml: text, file: bundledFile)
    }

    /// Parses a catalog in the format of `devices.yaml` (see its header), converts it to SI units and
    /// validates it: unique ids, bases that exist, three positive dimensions, a source for every value.
    /// - Parameter file: the name errors give for this text
    public init(yaml: String, file: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw CatalogError(file: file, message: "not valid YAML: \(error)")
        }
        guard let list = root?["devices"]?.sequence else {
            throw CatalogError(file: file, message: "expected a top-level 'devices:' list of entries")
        }
        var devices: [Device] = []
        var lines: [String: Int] = [:]
        for (index, node) in list.enumerated() {
            let line = node.mark?.line
            let label = node["id"]?.scalar?.string ?? "entry \(index + 1)"
            let entry = try Self.decodeEntry(node, file: file, line: line, label: label)
            if let first = lines[entry.id] {
                throw CatalogError(
                    file: file, line: line, entry: entry.id, field: "id",
                    message: "the id is already used by the entry at line \(first); every id must be unique")
            }
            lines[entry.id] = line ?? 0
            devices.append(try entry.device(file: file, line: line))
        }
        for device in devices {
            guard let base = device.base else { continue }
            if base == device.id || !devices.contains(where: { $0.id == base }) {
                throw CatalogError(
                    file: file, line: lines[device.id], entry: device.id, field: "base",
                    message: "names '\(base)', which is not another entry of this catalog; give the id of the board the add-on sits on")
            }
        }
        self.init(devices: devices)
    }

    static func decodeEntry(_ node: Node, file: String, line: Int?, label: String) throws -> CatalogEntry {
        guard let mapping = node.mapping else {
            throw CatalogError(file: file, line: line, entry: label, message: "an entry must be a mapping of fields (id, name, …)")
        }
        for key in mapping.keys {
            let name = key.scalar?.string ?? "?"
            guard CatalogEntry.keys.contains(name) else {
                throw CatalogError(
                    file: file, line: key.mark?.line ?? line, entry: label, field: name,
                    message: "unknown field; known fields: \(CatalogEntry.keys.sorted().joined(separator: ", "))")
            }
        }
        try checkKeys(of: node["price"], known: CatalogEntry.priceKeys, field: "price", file: file, label: label)
        try checkKeys(of: node["kit_price"], known: CatalogEntry.priceKeys, field: "kit_price", file: file, label: label)
        try checkKeys(of: node["accelerator"], known: CatalogEntry.acceleratorKeys, field: "accelerator", file: file, label: label)
        try checkKeys(of: node["addon"], known: CatalogEntry.addonKeys, field: "addon", file: file, label: label)
        try checkKeys(of: node["addon"]?["price"], known: CatalogEntry.priceKeys, field: "addon.price", file: file, label: label)
        for mode in node["power_modes"]?.sequence ?? [] {
            try checkKeys(of: mode, known: CatalogEntry.powerModeKeys, field: "power_modes", file: file, label: label)
        }
        do {
            return try YAMLDecoder().decode(CatalogEntry.self, from: node)
        } catch let error as DecodingError {
            let (field, message) = Self.explain(error)
            throw CatalogError(file: file, line: line, entry: label, field: field, message: message)
        } catch {
            throw CatalogError(file: file, line: line, entry: label, message: "\(error)")
        }
    }

    /// A flow mapping with an unquoted comma (`{name: GPU (1024 cores, 32 Tensor cores)}`) would
    /// otherwise lose half its value to a stray key without a word.
    static func checkKeys(of node: Node?, known: Set<String>, field: String, file: String, label: String) throws {
        guard let mapping = node?.mapping else { return }
        for key in mapping.keys {
            let name = key.scalar?.string ?? "?"
            guard known.contains(name) else {
                throw CatalogError(
                    file: file, line: key.mark?.line, entry: label, field: "\(field).\(name)",
                    message: "unknown field (known: \(known.sorted().joined(separator: ", "))); quote a value that contains a comma")
            }
        }
    }

    /// The field path and a sentence for a decoding failure.
    static func explain(_ error: DecodingError) -> (field: String?, message: String) {
        func path(_ keys: [any CodingKey]) -> String? {
            let parts = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return parts.isEmpty ? nil : parts.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return (parent.map { "\($0).\(key.stringValue)" } ?? key.stringValue, "is required")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(Self.describe(type)): \(context.debugDescription)")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return (nil, "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: "a number"
        case is Int.Type: "a whole number"
        case is String.Type: "text"
        default: "\(type)"
        }
    }
}
