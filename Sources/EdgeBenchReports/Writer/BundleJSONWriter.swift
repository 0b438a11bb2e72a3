import EdgeBenchCore
import Foundation

/// bundle.json written part by part, so a run's requests never sit in memory together: the bundle
/// without requests, each configuration without requests, and each request are encoded by `BundleCodec`
/// on their own and spliced where `BundleCodec.encode` would have put them, with its indentation. The
/// bytes are those of `BundleCodec.encode` on the whole bundle (tests compare them).
enum BundleJSONWriter {
    /// Emits bundle.json in pieces, in order; `observe` sees each request as it is written (the writer
    /// tallies them on the same walk).
    static func write(
        _ bundle: StreamedBundle, observe: (_ configuration: Int, RequestResult) -> Void = { _, _ in },
        emit: (Data) throws -> Void
    ) throws {
        var root = bundle.header.finiteOnly()
        let configurations = root.configurations
        root.configurations = []
        // Pretty printing puts a key of the object being encoded, and nothing else, at two spaces after a
        // line break (a JSON string holds no raw line break), so the split point is unambiguous.
        let (rootHead, rootTail) = try split(BundleCodec.encodePart(root), atEmptyArray: "configurations")
        try emit(rootHead)
        for (index, configuration) in configurations.enumerated() {
            try emit(Data((index == 0 ? "\n" : ",\n").utf8))
            let (head, tail) = try split(BundleCodec.encodePart(configuration), atEmptyArray: "requests")
            try indented(head, by: 4, emit: emit)
            var count = 0
            try bundle.forEachRequest(configuration: index) { request in
                try emit(Data((count == 0 ? "\n" : ",\n").utf8))
                try indented(BundleCodec.encodePart(request), by: 8, emit: emit)
                count += 1
                observe(index, request)
            }
            try emit(Data(closing(count: count, indent: 6).utf8))
            try indented(tail, by: 4, first: false, emit: emit)
        }
        try emit(Data(closing(count: configurations.count, indent: 2).utf8))
        try emit(rootTail)
    }

    /// The encoding cut around the empty array of one of its top-level keys: what comes before the
    /// array's contents (up to `[`), and what comes after its `]`.
    static func split(_ json: Data, atEmptyArray key: String) throws -> (head: Data, tail: Data) {
        let marker = Data("\n  \"\(key)\" : [\n\n  ]".utf8)
        guard let range = json.range(of: marker) else {
            throw BundleError(message: "cannot write bundle JSON: no empty \"\(key)\" array to fill (an EdgeBench bug)")
        }
        let opening = marker.count - "\n\n  ]".utf8.count
        return (json[..<(range.lowerBound + opening)], json[range.upperBound...])
    }

    /// How `JSONEncoder` closes an array whose elements sit at `indent + 2` spaces.
    static func closing(count: Int, indent: Int) -> String {
        (count == 0 ? "\n\n" : "\n") + String(repeating: " ", count: indent) + "]"
    }

    /// Pretty-printed JSON moved `spaces` to the right: after every line break but a blank line's, and
    /// at the start unless `first` is false (the piece continues a line). Emitted in pieces of at most
    /// `pieceSize` bytes: a request with 20,000 inter-token gaps is 600 KB of JSON, and a whole indented
    /// copy of it would be the largest thing in memory at the end of a long run.
    static func indented(_ json: Data, by spaces: Int, first: Bool = true, emit: (Data) throws -> Void) throws {
        let pad = [UInt8](repeating: UInt8(ascii: " "), count: spaces)
        try json.withUnsafeBytes { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count + bytes.count / 4, pieceSize + 256))
            if first { out.append(contentsOf: pad) }
            let newline = UInt8(ascii: "\n")
            for (offset, byte) in bytes.enumerated() {
                out.append(byte)
                // an empty array or object keeps its blank line blank, as JSONEncoder writes it
                if byte == newline, offset + 1 == bytes.count || bytes[offset + 1] != newline {
                    out.append(contentsOf: pad)
                }
                if out.count >= pieceSize {
                    try emit(Data(out))
                    out.removeAll(keepingCapacity: true)
                }
            }
            if !out.isEmpty { try emit(Data(out)) }
        }
    }

    static let pieceSize = 1 << 16
}
