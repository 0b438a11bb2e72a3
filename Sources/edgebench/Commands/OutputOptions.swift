import ArgumentParser

struct OutputOptions: ParsableArguments {
    @Option(help: "Folder for run directories.")
    var output = "edgebench-results"

    @Option(help: "SQLite results database (default: <output>/edgebench.sqlite).")
    var db: String?

    @Option(help: "Continue an interrupted run: its directory.")
    var resume: String?

    @Option(
        name: .customLong("sample-interval"),
        parsing: .unconditional, help: "Telemetry sampling interval in ms (1–10000; default: the plan's sample_rate_hz, else 100).")
    var sampleInterval: Double?

    func validate() throws {
        if let sampleInterval, !(1...10_000).contains(sampleInterval) {
            throw ValidationError("--sample-interval must be between 1 and 10000 ms, got \(sampleInterval)")
        }
    }
}
