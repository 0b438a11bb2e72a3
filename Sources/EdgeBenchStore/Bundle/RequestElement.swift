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
        var scanner = JSONScanner(file.bytes, offset: range.lowerBound)
        do {
            return try Self.parse(&scanner, path: path, response: response)
        } catch let failure as Located {
            throw failure.error(in: file)
        } catch let failure as JSONScanner.Failure {
            throw Located(offset: failure.offset, path: path, message: failure.message).error(in: file)
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

    static func parse(_ scanner: inout JSONScanner, path: @autoclosure () -> String, response keepResponse: Bool) throws -> RequestResult {
        let start = scanner.offset
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw Located(offset: scanner.offset, path: path(), message: "expected an object")
        }
        scanner.offset += 1
        var index: Int?
        var metrics: [MetricID: Double]?
        var itl: [Double] = []
        var flags: [Flag] = []
        var response: String?
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            let at = scanner.offset
            if scanner.key(key, is: "index") {
                do { index = try scanner.readInt() } catch let failure as JSONScanner.Failure {
                    throw Located(offset: at, path: path() + ".index", message: failure.message)
                }
            } else if scanner.key(key, is: "metrics") {
                metrics = try parseMetrics(&scanner, path: path() + ".metrics")
            } else if scanner.key(key, is: "itl") {
                itl = try parseNumbers(&scanner, path: path() + ".itl")
            } else if scanner.key(key, is: "flags") {
                flags = try parseFlags(&scanner, path: path() + ".flags")
            } else if scanner.key(key, is: "response") {
                if scanner.peek() == UInt8(ascii: "n") {
                    try scanner.skipValue()
                    response = nil
                } else if keepResponse {
                    do { response = try scanner.readString() } catch let failure as JSONScanner.Failure {
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
        guard let metrics else { throw Located(offset: start, path: path(), message: "missing required key \"metrics\"") }
        return RequestResult(index: index, metrics: metrics, itl: itl, flags: flags, response: response)
    }

    private static func parseMetrics(_ scanner: inout JSONScanner, path: @autoclosure () -> String) throws -> [MetricID: Double] {
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw Located(offset: scanner.offset, path: path(), message: "expected an object")
        }
        scanner.offset += 1
        var metrics: [MetricID: Double] = [:]
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            let name = scanner.keyText(key)
            guard let id = MetricID(rawValue: name) else {
                let known = MetricID.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw Located(
                    offset: key.lowerBound - 1, path: path(),
                    message: "expected one of \(known) (unknown metric id '\(name)')")
            }
            metrics[id] = try number(&scanner, path: path() + "." + name)
        }
        return metrics
    }

    /// An array of numbers; null counts as none (the decoder's `decodeIfPresent`).
    private static func parseNumbers(_ scanner: inout JSONScanner, path: @autoclosure () -> String) throws -> [Double] {
        try parseArray(&scanner, path: path()) { scanner, index in
            try number(&scanner, path: "\(path())[\(index)]")
        }
    }

    private static func parseFlags(_ scanner: inout JSONScanner, path: @autoclosure () -> String) throws -> [Flag] {
        try parseArray(&scanner, path: path()) { scanner, index in
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

    /// A JSON array read element by element; null counts as none (the decoder's `decodeIfPresent`).
    private static func parseArray<Element>(
        _ scanner: inout JSONScanner, path: @autoclosure () -> String,
        element: (inout JSONScanner, Int) throws -> Element
    ) throws -> [Element] {
        if scanner.peek() == UInt8(ascii: "n") {
            try scanner.skipValue()
            return []
        }
        guard scanner.peek() == UInt8(ascii: "[") else {
            throw Located(offset: scanner.offset, path: path(), message: "expected an array")
        }
        scanner.offset += 1
        var values: [Element] = []
        var first = true
        while try scanner.nextElement(first: &first) {
            values.append(try element(&scanner, values.count))
        }
        return values
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
