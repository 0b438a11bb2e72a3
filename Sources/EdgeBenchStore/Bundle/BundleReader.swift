import EdgeBenchCore
import Foundation

/// A bundle file read without holding its requests: `header` is the bundle with every configuration's
/// `requests` empty, and `forEachRequest` walks one configuration's requests in order, one at a time.
/// Memory stays that of one request however many the file holds (the file is mapped, and pages
/// already read are handed back).
///
/// Opening checks the JSON syntax of everything but the requests, and the requests' structure (strings
/// and brackets: a cut-off file fails here), with FILE:LINE:COL; it decodes everything but the requests
/// with `BundleCodec` (its checks, its messages with the JSON path). Each request's syntax and values
/// are checked when it is read (`RequestElement.read`, `decode`), with its JSON path, line and column:
/// an import reads them all inside its transaction, so a bad request still stores nothing.
public final class BundleReader: @unchecked Sendable {
    public let url: URL
    /// the bundle with `requests: []` in every configuration
    public let header: ResultBundle
    /// how many requests each configuration holds, in `header.configurations` order
    public let requestCounts: [Int]
    private let file: MappedFile
    /// byte offset of each configuration's `requests` array (its `[`), nil when it has none
    private let requestArrays: [Int?]

    public init(url: URL) throws {
        self.url = url
        let file = try MappedFile(url: url)
        self.file = file
        var scanner = JSONScanner(file.bytes)
        var cuts: [Range<Int>] = []
        var arrays: [Int?] = []
        var counts: [Int] = []
        do {
            try Self.walk(&scanner, file: file, cuts: &cuts, arrays: &arrays, counts: &counts)
        } catch let failure as JSONScanner.Failure {
            let (line, column) = JSONScanner.lineAndColumn(of: failure.offset, in: file.bytes)
            let atEnd = failure.offset >= file.bytes.count || failure.message.contains("end of the file")
                || failure.message.contains("cut off")
            throw BundleError(
                message: "\(url.path):\(line):\(column): not valid JSON: \(failure.message); "
                    + (atEnd ? "the file is cut off: copy or export it again"
                        : "is this file a bundle.json? (edgebench run writes one per run)"))
        }
        file.rewind()
        // everything but the requests, for BundleCodec: small, whatever the number of requests
        var text = Data()
        var from = 0
        for cut in cuts {
            text.append(contentsOf: UnsafeRawBufferPointer(rebasing: file.bytes[from..<cut.lowerBound]))
            from = cut.upperBound
        }
        text.append(contentsOf: UnsafeRawBufferPointer(rebasing: file.bytes[from..<file.bytes.count]))
        do {
            header = try BundleCodec.decode(text)
        } catch let error as BundleError {
            throw BundleError(message: "\(url.path): \(error.message)")
        }
        requestArrays = arrays
        requestCounts = counts
    }

    /// Calls `body` with each request of configuration `configuration` (an index into
    /// `header.configurations`), in file order. What `body` throws stops the walk and is rethrown.
    public func forEachRequest(configuration: Int, _ body: (RequestElement) throws -> Void) throws {
        guard configuration < requestArrays.count, let start = requestArrays[configuration] else { return }
        var scanner = JSONScanner(file.bytes, offset: start + 1)
        var first = true
        var position = 0
        // the structure was checked when the file was opened; each element's syntax and values are
        // checked when `body` reads it
        while try scanner.nextElement(first: &first) {
            scanner.skipWhitespace()
            let elementStart = scanner.offset
            try Self.skipRequest(&scanner)
            try body(
                RequestElement(position: position, configuration: configuration, range: elementStart..<scanner.offset, file: file))
            file.release(before: elementStart)
            position += 1
        }
        file.rewind()
    }

    /// Reads each request of configuration `configuration` in file order, checked as `decode` checks it,
    /// into one reused `RequestFields` and calls `body` with its position and fields: the walk that import
    /// and report make, one pass over each request's bytes (the parse finds where it ends). What `body`
    /// throws stops the walk and is rethrown.
    public func readEachRequest(
        configuration: Int, response: Bool = true, _ body: (Int, RequestFields) throws -> Void
    ) throws {
        guard configuration < requestArrays.count, let start = requestArrays[configuration] else { return }
        var scanner = JSONScanner(file.bytes, offset: start + 1)
        var fields = RequestFields()
        var first = true
        var position = 0
        while try scanner.nextElement(first: &first) {
            scanner.skipWhitespace()
            let elementStart = scanner.offset
            try RequestElement.read(
                &scanner, into: &fields, path: "$.configurations[\(configuration)].requests[\(position)]",
                response: response, file: file)
            try body(position, fields)
            file.release(before: elementStart)
            position += 1
        }
        file.rewind()
    }

    /// Every request of the bundle, decoded (for callers that want `ResultBundle` whole).
    public func bundle() throws -> ResultBundle {
        var bundle = header
        for index in bundle.configurations.indices {
            var requests: [RequestResult] = []
            requests.reserveCapacity(requestCounts[index])
            try forEachRequest(configuration: index) { requests.append(try $0.decode()) }
            bundle.configurations[index].requests = requests
        }
        return bundle
    }

    // MARK: - The first pass

    /// Moves past one request by its structure (fast); where that fails, the full check from its start
    /// says exactly what is wrong and where.
    private static func skipRequest(_ scanner: inout JSONScanner) throws {
        scanner.skipWhitespace()
        let start = scanner.offset
        guard !scanner.skipStructure() else { return }
        scanner.offset = start
        try scanner.skipValue(depth: 3)
    }

    /// Checks the syntax of the whole file and finds each configuration's requests. `cuts` are the
    /// insides of the `requests` arrays (what the header leaves out).
    private static func walk(
        _ scanner: inout JSONScanner, file: MappedFile, cuts: inout [Range<Int>], arrays: inout [Int?],
        counts: inout [Int]
    ) throws {
        if scanner.peek() == UInt8(ascii: "{") {
            scanner.offset += 1
            var first = true
            while let key = try scanner.nextKey(first: &first) {
                if scanner.key(key, is: "configurations"), scanner.peek() == UInt8(ascii: "[") {
                    scanner.offset += 1
                    var firstConfiguration = true
                    while try scanner.nextElement(first: &firstConfiguration) {
                        try configuration(&scanner, file: file, cuts: &cuts, arrays: &arrays, counts: &counts)
                    }
                } else {
                    try scanner.skipValue()
                }
            }
        } else {
            try scanner.skipValue()
        }
        guard scanner.peek() == nil else { throw scanner.failure("unexpected text after the end of the JSON value") }
    }

    private static func configuration(
        _ scanner: inout JSONScanner, file: MappedFile, cuts: inout [Range<Int>], arrays: inout [Int?],
        counts: inout [Int]
    ) throws {
        var array: Int?
        var count = 0
        defer {
            arrays.append(array)
            counts.append(count)
        }
        guard scanner.peek() == UInt8(ascii: "{") else { return try scanner.skipValue() }
        scanner.offset += 1
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            guard scanner.key(key, is: "requests"), scanner.peek() == UInt8(ascii: "[") else {
                try scanner.skipValue()
                continue
            }
            array = scanner.offset
            count = 0
            scanner.offset += 1
            let inside = scanner.offset
            var firstRequest = true
            while try scanner.nextElement(first: &firstRequest) {
                try skipRequest(&scanner)
                count += 1
                file.release(before: scanner.offset)
            }
            cuts.append(inside..<(scanner.offset - 1))
        }
    }
}
