import ArgumentParser

struct OutputOptions: ParsableArguments {
    @Option(help: "Folder for run directories.")
    var output = "edgebench-results"

    @Option(help: "SQLite results database (default: <output>/edgebench.sqlite).")
    var db: String?

    @Option(help: "Continue an interrupted run: its directory.")
    var resume: String?

    @Option(name: .customLong("sample-interval"), help: "Telemetry sampling interval in ms (1–10000).")
    var sampleInterval = 100.0

    func validate() throws {
        guard (1...10_000).contains(sampleInterval) else {
            throw ValidationError("--sample-interval must be between 1 and 10000 ms, got \(sampleInterval)")
        }
    }
}
