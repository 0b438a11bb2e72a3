import AsyncHTTPClient
import EdgeBenchCore
import EdgeBenchEngines
import Foundation

/// Hands a configuration to its kind's driver (`EngineRegistry`), with what the run supplies:
/// the HTTP client, the cache, the run's folder, and progress lines.
struct EngineFactory: Sendable {
    var options: RunOptions
    var client: HTTPClient
    var reporter: any ProgressReporter
    var models: ModelResolver

    init(options: RunOptions, client: HTTPClient, reporter: any ProgressReporter) {
        self.options = options
        self.client = client
        self.reporter = reporter
        self.models = ModelResolver(cache: options.cache)
    }

    func prepare(_ configuration: Configuration, runDirectory: URL) async throws -> PreparedEngine {
        let kind = configuration.engine.kind
        guard let driver = EngineRegistry.driver(for: kind) else {
            let known = EngineRegistry.catalog.kinds.map(\.rawValue).joined(separator: ", ")
            throw RunnerError.configuration("engine kind '\(kind.rawValue)' is not one of \(known)")
        }
        let context = EngineContext(
            client: client, cache: options.cache, llamaServerPath: options.llamaServerPath, runDirectory: runDirectory,
            models: models, phase: { [reporter] in reporter.report(.phase($0)) },
            note: { [reporter] in reporter.report(.note($0)) }, limits: options.settings.limits(for: configuration.engine))
        return try await driver.prepare(configuration, context: context)
    }
}
