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
                try writeRequest(request, emit: emit)
                count += 1
                observe(index, request)
            }
            try emit(Data(closing(count: count, indent: 6).utf8))
            try indented(tail, by: 4, first: false, emit: emit)
        }
        try emit(Data(closing(count: configurations.count, indent: 2).utf8))
        try emit(rootTail)
    }

    /// A request as `BundleCodec.encodePart` writes it, moved 8 spaces right, with its ITL gaps written here
    /// one per line instead of by `JSONEncoder`, which builds a request's whole text before handing it over:
    /// 20,000 gaps are 600 KB of JSON and, with the encoder's growth copies, about 2 MB at the end of a long
    /// run. Gaps that JSON cannot hold go through the encoder, which refuses them as it always has.
    static func writeRequest(_ request: RequestResult, emit: (Data) throws -> Void) throws {
        guard !request.itl.isEmpty, request.itl.allSatisfy(\.isFinite) else {
            try indented(BundleCodec.encodePart(request), by: 8, emit: emit)
            return
        }
        var withoutGaps = request
        withoutGaps.itl = []
        let (head, tail) = try split(BundleCodec.encodePart(withoutGaps), atEmptyArray: "itl")
        try indented(head, by: 8, emit: emit)
        let pad = String(repeating: " ", count: 12)
        var out: [UInt8] = []
        out.reserveCapacity(pieceSize + 64)
        for (position, gap) in request.itl.enumerated() {
            out.append(contentsOf: (position == 0 ? "\n" : ",\n").utf8)
            out.append(contentsOf: pad.utf8)
            out.append(contentsOf: number(gap).utf8)
            if out.count >= pieceSize {
                try emit(Data(out))
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(contentsOf: closing(count: request.itl.count, indent: 10).utf8)
        try emit(Data(out))
        try indented(tail, by: 8, first: false, emit: emit)
    }

    /// A finite Double as `JSONEncoder` writes it: its shortest description, without a trailing ".0".
    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
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
