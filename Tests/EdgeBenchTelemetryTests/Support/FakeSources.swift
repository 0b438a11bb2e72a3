import EdgeBenchCore
import Foundation

/// Returns one reading per read whose value counts the reads.
final class CountingSource: TelemetrySource, @unchecked Sendable {
    let description: SourceDescription
    private let lock = NSLock()
    private var count = 0

    init(id: String = "fake") {
        description = SourceDescription(id: id, kind: "fake", boundary: .system, detail: "counts its reads")
    }

    func read() throws -> [Reading] {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return [Reading(channel: "count", quantity: .utilisation, value: Double(count))]
    }
}

struct FakeFailure: Error, CustomStringConvertible {
    let description: String
}

/// Fails on every read, or on every `period`-th read.
final class FailingSource: TelemetrySource, @unchecked Sendable {
    let description: SourceDescription
    let period: Int
    private let lock = NSLock()
    private var count = 0

    init(id: String = "broken", period: Int = 1) {
        description = SourceDescription(id: id, kind: "fake", boundary: .boardDC, detail: "fails")
        self.period = period
    }

    func read() throws -> [Reading] {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        if count % period == 0 { throw FakeFailure(description: "meter unplugged (read \(count))") }
        return [Reading(channel: "power", quantity: .power, value: 5)]
    }
}
