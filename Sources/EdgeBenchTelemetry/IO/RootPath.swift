import Foundation

/// Joins a configurable root (so tests read fake trees) with an absolute system path.
struct RootPath: Sendable, Equatable {
    let root: String

    init(_ root: String) {
        var trimmed = root
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed.isEmpty ? "/" : trimmed
    }

    /// `/sys/class/thermal` under this root.
    func path(_ absolute: String) -> String {
        let relative = absolute.hasPrefix("/") ? String(absolute.dropFirst()) : absolute
        return root == "/" ? "/" + relative : root + "/" + relative
    }

    /// Directory entries whose name is `prefix` + a number, in numeric order (zone10 after zone9).
    /// Discovery happens once per source, so Foundation's listing is fine here.
    func numberedEntries(in absolute: String, prefix: String) -> [(name: String, index: Int)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path(absolute))) ?? []
        return entries
            .compactMap { name in SysfsText.index(of: name, prefix: prefix).map { (name: name, index: $0) } }
            .sorted { $0.index < $1.index }
    }
}
