import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// Issue 13.6: a log is read from its file in 1 MiB chunks, line by line, never whole.
@Suite struct LogLinesTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loglines-\(UUID().uuidString).log").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    /// A real tegrastats log repeated past several chunks (lines cut by chunk edges), with CRLF endings:
    /// read from the file it gives exactly what the text in memory gives.
    @Test func aFileOfSeveralChunksReadsLikeItsText() throws {
        let lines = try Fixtures.text("tegrastats/tegrastats-jp4-nano-4gb.log").split(separator: "\n")
        var text = ""
        while text.utf8.count < 3 << 20 { text += lines.joined(separator: "\r\n") + "\r\n" }
        let path = try Self.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var fromFile: [(Int, String)] = []
        try LogLines(file: path).forEach(format: "tegrastats") { fromFile.append(($0, String($1))) }
        let expected = text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(fromFile.count == expected.count)
        #expect(fromFile.map(\.1) == expected)
        #expect(fromFile.map(\.0) == Array(1...expected.count))
        var summary = LogSummary()
        let description = try TelemetryLogFormat.tegrastats.read(LogLines(file: path), into: &summary)
        #expect(description.powerChannel == "POM_5V_IN")
        #expect(summary.readings == (try TegrastatsLog.parse(text)).readings.count)
    }

    /// A line longer than the cap (a binary file, a file without newlines) is an error naming it, not growth
    /// without bound; the cap is checked while the line is still arriving.
    @Test func anOverlongLineIsAnError() throws {
        let path = try Self.temporaryFile(Array("NPU load:  35%\n".utf8) + [UInt8](repeating: 0x41, count: 3 << 20))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: TelemetryLogError.self) {
            try LogLines(file: path, maxLineBytes: 1 << 20).forEach(format: "rknpu") { _, _ in }
        }
        #expect(error.line == 2)
        #expect(error.column == (1 << 20) + 1)
        #expect(error.expected.hasPrefix("lines of at most 1 MiB"))
        #expect(error.text == String(repeating: "A", count: 160))
    }

    @Test func aMissingFileSaysSo() throws {
        let error = try #require(throws: LogLines.ReadError.self) {
            try LogLines(file: "/nonexistent/tegrastats.log").forEach(format: "tegrastats") { _, _ in }
        }
        #expect(error.description == "cannot read /nonexistent/tegrastats.log: No such file or directory; check the path and its permissions")
    }

    /// The JSON writer prints what JSONEncoder prints for the same log (the shape of the schema).
    @Test func streamedJSONEqualsTheEncodedLog() throws {
        for fixture in ["tegrastats/tegrastats-jp7.2-agx-orin.txt", "rpi/vcgencmd-pmic_read_adc-rpi5-full.txt"] {
            let format: TelemetryLogFormat = fixture.hasPrefix("rpi") ? .pmic : .tegrastats
            let log = try format.parse(try Fixtures.text(fixture))
            var out = ""
            var writer = LogJSONWriter(description: log.logDescription) { out += $0 }
            for reading in log.readings { writer.add(reading) }
            writer.finish()
            let streamed = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? NSDictionary
            let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(log)) as? NSDictionary
            #expect(streamed == encoded, "\(fixture)")
        }
    }
}
