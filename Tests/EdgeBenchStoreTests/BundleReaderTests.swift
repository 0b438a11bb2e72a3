import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// `BundleReader`: a bundle walked one request at a time reads exactly what JSONDecoder reads, and a
/// damaged file fails with FILE:LINE:COL before any request is read.
@Suite struct BundleReaderTests {
    /// A bundle with the numbers a real run writes: nanosecond-resolution times (Clinger's fast path),
    /// 17-digit shortest forms and exponents (strtod's path), escapes in the response, empty ITL.
    static let wide: ResultBundle = {
        var bundle = SampleBundle.bundle
        var configuration = SampleBundle.completed
        configuration.requests = (0..<40).map { index in
            let gaps = (0..<(index % 7)).map { Double(11_000_000 + index * 1_000 + $0 * 37) / 1e9 }
            var metrics = SampleBundle.request(index, ttft: 0.2, e2e: 1.2, nOut: 64, response: "").metrics
            metrics[.ttft] = Double(200_000_000 + index * 7_919) / 1e9
            metrics[.decodeRate] = 63.0 / (0.1 + Double(index) / 3)  // 16–17 significant digits
            metrics[.energy] = 1.5e-7 * Double(index + 1)  // exponent form
            metrics[.nIn] = 12
            return RequestResult(
                index: index, metrics: metrics, itl: gaps, flags: index % 3 == 0 ? [.stoppedEarly] : [],
                response: index % 5 == 0 ? nil : "line \(index)\n\"quoted\" \\ é 🙂 \u{1}")
        }
        bundle.configurations = [configuration, SampleBundle.failed, configuration]
        bundle.configurations[2].id = "managed/smollm2/long"
        return bundle
    }()

    func write(_ text: String) throws -> URL {
        let url = try temporaryDirectory("reader").appendingPathComponent("bundle.json")
        try Data(text.utf8).write(to: url)
        return url
    }

    func written(_ bundle: ResultBundle) throws -> URL {
        let url = try temporaryDirectory("reader").appendingPathComponent("bundle.json")
        try BundleFile.write(bundle, to: url)
        return url
    }

    /// by name, so the test log does not print whole bundles
    static let fixtures = ["sample": SampleBundle.bundle, "wide": wide]

    @Test(arguments: ["sample", "wide"])
    func readsWhatJSONDecoderReads(_ name: String) throws {
        let bundle = try #require(Self.fixtures[name])
        let url = try written(bundle)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let decoded = try BundleFile.read(from: url)
        let reader = try BundleReader(url: url)
        #expect(reader.requestCounts == decoded.configurations.map(\.requests.count))
        #expect(reader.header.configurations.allSatisfy { $0.requests.isEmpty })
        var stripped = decoded
        for index in stripped.configurations.indices { stripped.configurations[index].requests = [] }
        #expect(reader.header == stripped)
        #expect(try reader.bundle() == decoded)
        // each request alone, and its compact JSON decodes to the same request; one `RequestFields` reused
        // for every request reads each as it is (nothing left over from the one before)
        var fields = RequestFields()
        for index in decoded.configurations.indices {
            var positions: [Int] = []
            try reader.forEachRequest(configuration: index) { element in
                let request = try element.decode()
                #expect(request == decoded.configurations[index].requests[element.position])
                try element.read(into: &fields)
                #expect(fields.result == request)
                #expect(fields.ttft == request.metrics[.ttft])
                let compact = try JSONDecoder().decode(RequestResult.self, from: Data(element.compactJSON().utf8))
                #expect(compact == request)
                #expect(try element.decode(response: false).response == nil)
                positions.append(element.position)
            }
            #expect(positions == Array(0..<decoded.configurations[index].requests.count))
            // the one-pass walk of import and report reads the same requests
            var read: [RequestResult] = []
            try reader.readEachRequest(configuration: index) { position, fields in
                #expect(position == read.count)
                read.append(fields.result)
            }
            #expect(read == decoded.configurations[index].requests)
            var withoutResponses: [RequestResult] = []
            try reader.readEachRequest(configuration: index, response: false) { withoutResponses.append($1.result) }
            #expect(withoutResponses.allSatisfy { $0.response == nil })
            #expect(withoutResponses.map(\.itl) == decoded.configurations[index].requests.map(\.itl))
        }
    }

    @Test func compactAndPrettyFilesReadAlike() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let url = try write(String(decoding: try encoder.encode(Self.wide), as: UTF8.self))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(try BundleReader(url: url).bundle() == Self.wide)
    }

    @Test func numbersAreReadAsJSONDecoderReadsThem() throws {
        let texts = [
            "0", "-0", "1", "12", "0.001234567", "1e-05", "1.5E+3", "-2.25", "123456789012345678",
            "0.30000000000000004", "9007199254740993", "1e22", "1e23", "4.9406564584124654e-324", "17.976931348623157e307",
        ]
        for text in texts {
            let expected = try JSONDecoder().decode(Double.self, from: Data(text.utf8))
            let bytes = Array(text.utf8)
            let value = bytes.withUnsafeBytes { JSONScanner.double($0) }
            #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs \(expected)")
        }
    }

    @Test func aCutOffFileNamesFileLineAndColumn() throws {
        let full = String(decoding: try BundleCodec.encode(SampleBundle.bundle), as: UTF8.self)
        // cut inside the second request's metrics
        let cut = full.range(of: "\"index\" : 1")!.upperBound
        let url = try write(String(full[..<cut]))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let lines = full[..<cut].split(separator: "\n", omittingEmptySubsequences: false)
        let error = #expect(throws: BundleError.self) { try BundleReader(url: url) }
        #expect(
            error?.message == "\(url.path):\(lines.count):\(lines.last!.utf8.count + 1): not valid JSON: "
                + "expected `,` or `}` after an object member; the file is cut off: copy or export it again")
    }

    @Test func malformedJSONNamesWhereAndWhat() throws {
        let url = try write("{\n  \"schema\" : \"edgebench/bundle@1\",\n  \"run\" : {\"id\": 'x'}\n}")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let error = #expect(throws: BundleError.self) { try BundleReader(url: url) }
        #expect(
            error?.message == "\(url.path):3:18: not valid JSON: expected a value (an object, array, string, number, "
                + "true, false or null); is this file a bundle.json? (edgebench run writes one per run)")
    }

    @Test func aWrongFieldOutsideTheRequestsKeepsBundleCodecsMessage() throws {
        let text = String(decoding: try BundleCodec.encode(SampleBundle.bundle), as: UTF8.self)
            .replacingOccurrences(of: "\"status\" : \"failed\"", with: "\"status\" : \"broken\"")
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let error = #expect(throws: BundleError.self) { try BundleReader(url: url) }
        #expect(error?.message.hasPrefix("\(url.path): bundle JSON at $.configurations[1].status: expected one of "
            + "\"completed\", \"failed\", \"interrupted\"") == true, "\(error?.message ?? "")")
    }

    @Test func aWrongRequestNamesItsPathLineAndColumn() throws {
        let text = String(decoding: try BundleCodec.encode(SampleBundle.bundle), as: UTF8.self)
            .replacingOccurrences(of: "\"tpot\"", with: "\"tpot_ms\"")
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reader = try BundleReader(url: url)
        let error = #expect(throws: BundleError.self) {
            try reader.forEachRequest(configuration: 0) { _ = try $0.decode() }
        }
        let offset = text.utf8.count - text[text.range(of: "\"tpot_ms\"")!.lowerBound...].utf8.count
        let before = Array(text.utf8.prefix(offset))
        let line = before.filter { $0 == 0x0A }.count + 1
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        #expect(error?.message.hasPrefix(
            "\(url.path):\(line):\(column): bundle JSON at $.configurations[0].requests[0].metrics: expected one of \"ttft\"")
            == true, "\(error?.message ?? "")")
        #expect(error?.message.hasSuffix("(unknown metric id 'tpot_ms')") == true)
        // JSONDecoder refuses the same file
        #expect(throws: BundleError.self) { try BundleFile.read(from: url) }
    }

    /// Opening finds the requests by their structure alone; a syntax error inside one is found when it is
    /// read, with the same FILE:LINE:COL, and an import of the file stores nothing.
    @Test func aSyntaxErrorInsideARequestIsFoundWhenItIsRead() throws {
        let text = String(decoding: try BundleCodec.encode(SampleBundle.bundle), as: UTF8.self)
            .replacingOccurrences(of: "\"index\" : 1,", with: "\"index\" : 1,,")
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reader = try BundleReader(url: url)
        #expect(reader.requestCounts == SampleBundle.bundle.configurations.map(\.requests.count))
        let error = #expect(throws: BundleError.self) {
            try reader.forEachRequest(configuration: 0) { _ = try $0.decode() }
        }
        let offset = text.utf8.count - text[text.range(of: ",,")!.upperBound...].utf8.count - 1
        let before = Array(text.utf8.prefix(offset))
        let line = before.filter { $0 == 0x0A }.count + 1
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        #expect(error?.message == "\(url.path):\(line):\(column): bundle JSON at $.configurations[0].requests[1]: "
            + "expected a member name in double quotes")
        let walked = #expect(throws: BundleError.self) { try reader.readEachRequest(configuration: 0) { _, _ in } }
        #expect(walked?.message == error?.message)
        let store = try ResultStore(path: url.deletingLastPathComponent().appendingPathComponent("s.sqlite").path)
        #expect(throws: BundleError.self) { try store.importBundles([(try BundleReader(url: url), "import")]) }
        #expect(try store.runs().isEmpty)
    }

    @Test func aRequestOfTheWrongTypeIsRefused() throws {
        let text = String(decoding: try BundleCodec.encode(SampleBundle.bundle), as: UTF8.self)
            .replacingOccurrences(of: "\"index\" : 2", with: "\"index\" : \"two\"")
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reader = try BundleReader(url: url)
        let error = #expect(throws: BundleError.self) {
            try reader.forEachRequest(configuration: 0) { _ = try $0.decode() }
        }
        #expect(error?.message.contains(": bundle JSON at $.configurations[0].requests[2].index: expected a number") == true,
                "\(error?.message ?? "")")
    }

    // MARK: - Import

    @Test func importStreamsTheSameRunAsTheDecodedBundle() throws {
        let url = try written(Self.wide)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let streamed = try ResultStore(path: url.deletingLastPathComponent().appendingPathComponent("a.sqlite").path)
        let decoded = try ResultStore(path: url.deletingLastPathComponent().appendingPathComponent("b.sqlite").path)
        #expect(try streamed.importBundles([(try BundleReader(url: url), "import")]) == [true])
        #expect(try decoded.importBundle(try BundleFile.read(from: url), planText: "import"))
        #expect(try streamed.bundle(runID: Self.wide.run.id) == decoded.bundle(runID: Self.wide.run.id))
        #expect(try streamed.bundle(runID: Self.wide.run.id) == Self.wide)
        let rows = "SELECT r.configuration_id, r.request_index, m.metric, m.value, m.unit FROM request_metrics m "
            + "JOIN requests r ON r.id = m.request_id ORDER BY 1, 2, 3"
        let a = try streamed.pool.read { try Row.fetchAll($0, sql: rows) }
        let b = try decoded.pool.read { try Row.fetchAll($0, sql: rows) }
        #expect(a.count == 2 * 40 * 10)
        #expect(a == b)
        // a second import of the same run stores nothing
        #expect(try streamed.importBundles([(try BundleReader(url: url), "import")]) == [false])
    }

    @Test func aBadRequestInAnyFileStoresNothing() throws {
        let good = try written(SampleBundle.bundle)
        var other = SampleBundle.bundle
        other.run.id = "run-2"
        let text = String(decoding: try BundleCodec.encode(other), as: UTF8.self)
            .replacingOccurrences(of: "\"index\" : 2", with: "\"index\" : null")
        let bad = try write(text)
        defer {
            try? FileManager.default.removeItem(at: good.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: bad.deletingLastPathComponent())
        }
        let store = try ResultStore(path: good.deletingLastPathComponent().appendingPathComponent("s.sqlite").path)
        #expect(throws: BundleError.self) {
            try store.importBundles([(try BundleReader(url: good), "a"), (try BundleReader(url: bad), "b")])
        }
        #expect(try store.runs().isEmpty)
    }

    // MARK: - Aggregates

    @Test func storeAggregatesGiveEveryStoredValue() throws {
        let url = try written(Self.wide)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let store = try ResultStore(path: url.deletingLastPathComponent().appendingPathComponent("s.sqlite").path)
        _ = try store.importBundles([(try BundleReader(url: url), "import")])
        let configuration = Self.wide.configurations[0]
        let id = configuration.id
        #expect(try store.measuredRequestCount(runID: Self.wide.run.id, configurationID: id) == 40)
        var ttft: [Double] = []
        try store.forEachMeasuredValue(runID: Self.wide.run.id, configurationID: id, of: .ttft) { ttft.append($0) }
        #expect(ttft.sorted() == configuration.requests.compactMap { $0.metrics[.ttft] }.sorted())
        var itl: [Double] = []
        try store.forEachMeasuredValue(runID: Self.wide.run.id, configurationID: id, of: .itl) { itl.append($0) }
        #expect(itl.count == configuration.requests.map(\.itl.count).reduce(0, +))
        // the gaps as measured, to the last bit (binary64 in the BLOB)
        #expect(itl.sorted() == configuration.requests.flatMap(\.itl).sorted())
        #expect(try store.bundle(runID: Self.wide.run.id, requests: false).configurations.allSatisfy { $0.requests.isEmpty })
    }
}
