import Foundation

/// Just enough of the GGUF format to reject a file that is not a model before an engine is started on it.
public enum GGUF {
    public struct NotGGUF: Error, CustomStringConvertible {
        public var path: String
        public var detail: String
        public var description: String {
            "\(path) is not a GGUF model file (\(detail)); pass a .gguf file converted for llama.cpp"
        }
    }

    /// Checks the magic "GGUF" and a known version (1…3).
    public static func validate(_ url: URL) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw NotGGUF(path: url.path, detail: "cannot be opened: missing or unreadable")
        }
        defer { try? handle.close() }
        let header = handle.readData(ofLength: 8)
        guard header.count == 8 else { throw NotGGUF(path: url.path, detail: "only \(header.count) bytes long") }
        guard header.prefix(4) == Data("GGUF".utf8) else {
            let shown = header.prefix(4).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw NotGGUF(path: url.path, detail: "starts with bytes \(shown), not the magic 'GGUF'")
        }
        let version = header.dropFirst(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        guard (1...3).contains(version) else {
            throw NotGGUF(path: url.path, detail: "unknown GGUF version \(version)")
        }
    }
}
