import EdgeBenchEngines
import Foundation

/// The real llama.cpp and SmolLM2, set up once per machine (the first time this builds
/// llama.cpp: 6–7 minutes), shared by every test that needs the engine. Never skipped.
enum EmbeddedEngineFixture {
    struct Ready: Sendable {
        var serverPath: String
        var benchPath: String
        var model: EmbeddedModel.Installed
    }

    private static let prepared: Result<Ready, any Error> = {
        let cache = CachePaths.default()
        let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(("[setup] " + $0 + "\n").utf8)) }
        return Result {
            let engine = try EmbeddedEngine.llamaCpp.prepare(cache: cache, progress: log)
            let model = try EmbeddedModel.smollm2.prepare(cache: cache, progress: log)
            return Ready(serverPath: engine.serverPath, benchPath: engine.benchPath, model: model)
        }
    }()

    static func ready() throws -> Ready { try prepared.get() }
}
