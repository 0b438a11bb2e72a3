import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import Foundation
import Testing

/// The runner prepares engines only through `EngineRegistry`: a kind the registry does not list
/// fails its configuration with the kinds it does.
struct EngineFactoryTests {
    @Test func aKindTheRegistryDoesNotListFailsItsConfigurationByName() async throws {
        let output = RunnerFixtures.temporaryDirectory()
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())

        let outcome = try await runner.run(RunnerFixtures.plan([
            RunnerFixtures.configuration(id: "future", kind: "tensorrt", url: "http://127.0.0.1:9")
        ]))

        let result = try #require(outcome.bundle.configurations.first)
        #expect(result.status == .failed)
        let known = EngineRegistry.catalog.kinds.map(\.rawValue).joined(separator: ", ")
        #expect(result.error == "engine 'future' (tensorrt): engine kind 'tensorrt' is not one of \(known)")
        try FileManager.default.removeItem(at: output)
    }
}
