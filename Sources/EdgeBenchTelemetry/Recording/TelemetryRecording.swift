import EdgeBenchCore
import Foundation

/// Samples this machine's sources for a fixed time with the same `Sampler` a run uses, optionally
/// writing every sample as a JSON line, and measures what sampling cost: the process's CPU time over
/// the recording (the main thread only waits) as a share of one core. `edgebench telemetry record`
/// and `bench/sampler.sh` are built on it.
public enum TelemetryRecording {
    public struct Outcome: Sendable, Codable {
        /// the requested rate, Hz
        public var rate: Double
        /// s, monotonic
        public var duration: Double
        public var samples: Int
        /// user + system CPU time of this process while recording, s
        public var cpuSeconds: Double
        /// cpuSeconds / duration, as a percentage of one core
        public var cpuPercentOfOneCore: Double
        public var report: SamplerReport

        enum CodingKeys: String, CodingKey {
            case rate, duration, samples, report
            case cpuSeconds = "cpu_seconds"
            case cpuPercentOfOneCore = "cpu_percent_of_one_core"
        }
    }

    /// One line of `--out`: seconds since the recording started, the source, channel, quantity, SI value.
    struct Line: Encodable {
        var t: Double
        var source: String
        var channel: String
        var quantity: Quantity
        var value: Double
    }

    public static func record(
        sources: [any TelemetrySource], rate: Double, duration: Duration, output: FileHandle? = nil
    ) throws -> Outcome {
        try record(sources: sources, rate: rate, duration: duration, output: output, clock: MonotonicSamplerClock())
    }

    /// `clock` is the seam for tests: on a virtual clock the recording lasts `duration` of virtual time.
    static func record(
        sources: [any TelemetrySource], rate: Double, duration: Duration, output: FileHandle? = nil,
        clock: any SamplerClock
    ) throws -> Outcome {
        let interval = Duration.nanoseconds(Int64((1e9 / rate).rounded()))
        let counter = SampleCounter()
        let start = clock.now()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let sampler = try Sampler(sources: sources, interval: interval, clock: clock) { batch in
            counter.add(batch.count)
            guard let output else { return }
            var text = Data()
            for sample in batch {
                let line = Line(
                    t: sample.at.seconds(since: start), source: sample.source, channel: sample.reading.channel,
                    quantity: sample.reading.quantity, value: sample.reading.value)
                // Plain strings and finite numbers: encoding cannot fail.
                text += ((try? encoder.encode(line)) ?? Data()) + Data("\n".utf8)
            }
            output.write(text)
        }
        let cpuBefore = processCPUSeconds()
        let wallBefore = clock.now()
        sampler.start()
        clock.pass(duration)
        let report = sampler.stop()
        let elapsed = clock.now().seconds(since: wallBefore)
        let cpu = processCPUSeconds() - cpuBefore
        return Outcome(
            rate: rate, duration: elapsed, samples: counter.total, cpuSeconds: cpu,
            cpuPercentOfOneCore: elapsed > 0 ? cpu / elapsed * 100 : 0, report: report)
    }

    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Counts samples handed to the sink (called on the sampler thread, read after `stop()`).
final class SampleCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ n: Int) {
        lock.lock()
        count += n
        lock.unlock()
    }

    var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
