import EdgeBenchCore
import Foundation

/// One element of a configuration's `requests` array, read in place from the bundle file.
///
/// Decoding gives exactly what `RequestResult(from:)` gives for the same JSON (the tests hold the two
/// to each other on the fixtures), and refuses what it refuses, with the JSON path and the file's line
/// and column. Hand-written because it runs once per request: JSONDecoder takes about 100 µs for one
/// request of 64 tokens, 10 s for a bundle of 100,000.
public struct RequestElement {
    /// position in its configuration's `requests` array
    public let position: Int
    let configuration: Int
    let range: Range<Int>
    let file: MappedFile

    /// `$.configurations[0].requests[2]`
    var path: String { "$.configurations[\(configuration)].requests[\(position)]" }

    /// The request, checked as `RequestResult`'s decoder checks it. `response: false` leaves the
    /// response text out (nil), which a report never shows.
    public func decode(response: Bool = true) throws -> RequestResult {
        var fields = RequestFields()
        try read(into: &fields, response: response)
        return fields.result
    }

    /// Reads the request into `fields` (its earlier contents replaced), checked as `decode` checks it,
    /// without building a `RequestResult`: what a walk over many requests uses, with one `fields` for all.
    public func read(into fields: inout RequestFields, response: Bool = true) throws {
        var scanner = JSONScanner(file.bytes, offset: range.lowerBound)
        try Self.read(&scanner, into: &fields, path: path, response: response, file: file)
    }

    /// One request from where `scanner` sits, which it leaves after the request's closing `}`; a failure
    /// becomes the `BundleError` with FILE:LINE:COL and the JSON path.
    static func read(
        _ scanner: inout JSONScanner, into fields: inout RequestFields, path: @autoclosure () -> String,
        response: Bool, file: MappedFile
    ) throws {
        do {
            try parse(&scanner, into: &fields, path: path(), response: response)
        } catch let failure as Located {
            throw failure.error(in: file)
        } catch let failure as JSONScanner.Failure {
            throw Located(offset: failure.offset, path: path(), message: failure.message).error(in: file)
        }
    }

    /// The element as compact JSON (whitespace outside strings dropped), as the store keeps a request.
    public func compactJSON() -> String {
        let bytes = file.bytes
        var output = [UInt8]()
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        var inString = false
        while index < range.upperBound {
            let byte = bytes[index]
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    output.append(bytes[index])
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case 0x20, 0x0A, 0x0D, 0x09: break
                case UInt8(ascii: "\""):
                    inString = true
                    output.append(byte)
                default: output.append(byte)
                }
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A wrong value at a byte offset, with its JSON path.
    struct Located: Error {
        var offset: Int
        var path: String
        var message: String

        func error(in file: MappedFile) -> BundleError {
            let (line, column) = JSONScanner.lineAndColumn(of: offset, in: file.bytes)
            return BundleError(message: "\(file.url.path):\(line):\(column): bundle JSON at \(path): \(message)")
        }
    }

    static func parse(
        _ scanner: inout JSONScanner, into fields: inout RequestFields, path: @autoclosure () -> String,
        response keepResponse: Bool
    ) throws {
        fields.reset()
        let start = scanner.offset
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw Located(offset: scanner.offset, path: path(), message: "expected an object")
        }
        scanner.offset += 1
        var index: Int?
        var metrics = false
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            let at = scanner.offset
            if scanner.key(key, is: "index") {
                do { index = try scanner.readInt() } catch let failure as JSONScanner.Failure {
                    throw Located(offset: at, path: path() + ".index", message: failure.message)
                }
            } else if scanner.key(key, is: "metrics") {
                try parseMetrics(&scanner, into: &fields.metrics, path: path() + ".metrics")
                metrics = true
            } else if scanner.key(key, is: "itl") {
                fields.itl.removeAll(keepingCapacity: true)
                try parseArray(&scanner, into: &fields.itl, path: path() + ".itl") { scanner, index in
                    try number(&scanner, path: "\(path()).itl[\(index)]")
                }
            } else if scanner.key(key, is: "flags") {
                fields.flags.removeAll(keepingCapacity: true)
                try parseFlags(&scanner, into: &fields.flags, path: path() + ".flags")
            } else if scanner.key(key, is: "response") {
                if scanner.peek() == UInt8(ascii: "n") {
                    try scanner.skipValue()
                    fields.response = nil
                } else if keepResponse {
                    do { fields.response = try scanner.readString() } catch let failure as JSONScanner.Failure {
                        throw Located(offset: at, path: path() + ".response", message: failure.message)
                    }
                } else {
                    guard scanner.peek() == UInt8(ascii: "\"") else {
                        throw Located(offset: at, path: path() + ".response", message: "expected a string")
                    }
                    try scanner.skipValue()
                }
            } else {
                try scanner.skipValue()  // JSONDecoder ignores members it does not know, and so does this
            }
        }
        guard let index else { throw Located(offset: start, path: path(), message: "missing required key \"index\"") }
        guard metrics else { throw Located(offset: start, path: path(), message: "missing required key \"metrics\"") }
        fields.index = index
    }

    /// The metrics object into their slots; a name that is no measured metric is refused, as the decoder
    /// refuses it. Names are matched as bytes (no string is built unless a name has escapes).
    private static func parseMetrics(
        _ scanner: inout JSONScanner, into slots: inout [Double], path: @autoclosure () -> String
    ) throws {
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw Located(offset: scanner.offset, path: path(), message: "expected an object")
        }
        scanner.offset += 1
        for slot in slots.indices { slots[slot] = .nan }
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            guard let slot = metricSlot(scanner, key) else {
                let name = scanner.keyText(key)
                let known = RequestFields.slots.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw Located(
                    offset: key.lowerBound - 1, path: path(),
                    message: "expected one of \(known) (unknown metric id '\(name)')")
            }
            slots[slot] = try number(&scanner, path: path() + "." + RequestFields.slots[slot].rawValue)
        }
    }

    private static func metricSlot(_ scanner: JSONScanner, _ key: Range<Int>) -> Int? {
        let bytes = scanner.bytes
        let count = key.count
        for (slot, name) in RequestFields.names.enumerated() where name.count == count && name[0] == bytes[key.lowerBound] {
            var index = 1
            while index < count, name[index] == bytes[key.lowerBound + index] { index += 1 }
            if index == count { return slot }
        }
        guard bytes[key].contains(UInt8(ascii: "\\")) else { return nil }
        return MetricID(rawValue: scanner.keyText(key)).flatMap { RequestFields.slot[$0] }
    }

    private static func parseFlags(
        _ scanner: inout JSONScanner, into flags: inout [Flag], path: @autoclosure () -> String
    ) throws {
        try parseArray(&scanner, into: &flags, path: path()) { scanner, index in
            let at = scanner.offset
            let text: String
            do { text = try scanner.readString() } catch let failure as JSONScanner.Failure {
                throw Located(offset: at, path: "\(path())[\(index)]", message: failure.message)
            }
            guard let flag = Flag(rawValue: text) else {
                let known = Flag.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw Located(
                    offset: at, path: "\(path())[\(index)]",
                    message: "expected one of \(known) (unknown flag '\(text)')")
            }
            return flag
        }
    }

    /// A JSON array read element by element, appended to `values`; null counts as none (the decoder's
    /// `decodeIfPresent`).
    @inline(__always)
    private static func parseArray<Element>(
        _ scanner: inout JSONScanner, into values: inout [Element], path: @autoclosure () -> String,
        element: (inout JSONScanner, Int) throws -> Element
    ) throws {
        if scanner.peek() == UInt8(ascii: "n") {
            try scanner.skipValue()
            return
        }
        guard scanner.peek() == UInt8(ascii: "[") else {
            throw Located(offset: scanner.offset, path: path(), message: "expected an array")
        }
        scanner.offset += 1
        var first = true
        while try scanner.nextElement(first: &first) {
            values.append(try element(&scanner, values.count))
        }
    }

    private static func number(_ scanner: inout JSONScanner, path: @autoclosure () -> String) throws -> Double {
        let at = scanner.offset
        let value: Double
        do { value = try scanner.readDouble() } catch let failure as JSONScanner.Failure {
            throw Located(offset: at, path: path(), message: failure.message)
        }
        guard value.isFinite else {
            throw Located(offset: at, path: path(), message: "the number does not fit a Double")
        }
        return value
    }
}
