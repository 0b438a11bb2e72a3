import ArgumentParser
import EdgeBenchCore
import EdgeBenchTelemetry
import Foundation

extension TelemetryCommand {
    /// `edgebench telemetry record`: the run's sampler on its own, for a log of this board or to see
    /// what sampling costs.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sample this machine's sensors for a while, as `edgebench run` does, and say what it cost.",
            discussion: """
                Reads every source `edgebench sensors` lists (sysfs power rails, RAPL, thermal zones, cooling devices, clocks, memory, board tools) at --rate, on one sampler thread. Prints per source the reads, gaps and the rate achieved, and the CPU time sampling took as a share of one core (the main thread only waits). With --out, every sample is written as a JSON line {"t": s since the start, "source", "channel", "quantity", "value": SI}.

                Examples:
                  edgebench telemetry record --rate 10 --duration 60 --out idle.jsonl
                  edgebench telemetry record --rate 100 --duration 30 --root /tmp/fake-sysfs --json
                """)

        @Option(parsing: .unconditional, help: "Samples per second, 0.1 to 1000 Hz.")
        var rate = 10.0

        @Option(parsing: .unconditional, help: "How long to record, in seconds.")
        var duration = 10.0

        @Option(help: "Read sysfs/procfs under this root instead of / (board tools are then looked for under it too).")
        var root = "/"

        @Option(help: "Write every sample to this file as JSON lines.")
        var out: String?

        @ArgumentParser.Flag(help: "Print the outcome as JSON.")
        var json = false

        func validate() throws {
            guard rate >= 0.1, rate <= 1000 else {
                throw ValidationError("--rate must be between 0.1 and 1000 Hz (got \(rate))")
            }
            guard duration > 0, duration <= 86_400 else {
                throw ValidationError("--duration must be more than 0 and at most 86400 s (got \(duration))")
            }
        }

        func run() throws {
            let searchPath: [String]? = root == "/" ? nil : ["/usr/bin", "/usr/local/bin", "/bin"]
            let sources = SystemTelemetry.sources(root: root, enginePID: nil, searchPath: searchPath)
            guard !sources.isEmpty else {
                Stderr.error("nothing to sample under \(root): no sensors found (see `edgebench sensors`)")
                throw Exit.invalidInput
            }
            var handle: FileHandle?
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: nil) else {
                    Stderr.error("cannot create \(out): check the folder exists and is writable")
                    throw Exit.invalidInput
                }
                handle = FileHandle(forWritingAtPath: out)
            }
            defer { try? handle?.close() }
            let outcome = try TelemetryRecording.record(
                sources: sources, rate: rate, duration: .nanoseconds(Int64(duration * 1e9)), output: handle)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(outcome) + Data("\n".utf8))
                return
            }
            print(String(
                format: "%d samples in %.2f s at %.1f Hz requested; sampling CPU time %.4f s = %.3f %% of one core",
                outcome.samples, outcome.duration, outcome.rate, outcome.cpuSeconds, outcome.cpuPercentOfOneCore))
            print(String(format: "rounds %d, missed %d", outcome.report.rounds, outcome.report.missedRounds))
            for source in outcome.report.sources {
                let error = source.lastError.map { "; last error: \($0)" } ?? ""
                print(String(
                    format: "  %@: %d reads (%.1f Hz), %d gaps, %d readings%@", source.id as NSString, source.reads,
                    source.effectiveRate, source.failures, source.readings, error as NSString))
            }
        }
    }
}
