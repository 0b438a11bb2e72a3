import EdgeBenchCore
import EdgeBenchStore
import EdgeBenchTesting
import Foundation

/// A fresh folder under the system temp dir, removed by the caller.
func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgebench-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A store in `directory` with the sample run begun and, when given, one configuration begun: the setup
/// the request-level store tests share.
func storeWithSampleRun(in directory: URL, configuration: Configuration? = nil) throws -> ResultStore {
    let store = try ResultStore(path: directory.appendingPathComponent("results.db").path)
    try store.beginRun(SampleBundle.bundle.run, environment: SampleBundle.environment, planText: "")
    if let configuration {
        try store.beginConfiguration(runID: SampleBundle.bundle.run.id, configuration: configuration, engine: nil)
    }
    return store
}
