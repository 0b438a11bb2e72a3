import EdgeBenchCore
import EdgeBenchEngines
@testable import EdgeBenchPlans
import Foundation
import Testing

/// The loader knows kinds only through the catalog it is given: what the registry lists is what a
/// plan may say, and a kind the loader has never heard of needs no change here.
struct PlanRegistryTests {
    /// A value the loader would take for each setting, so only "not honoured" can be wrong.
    static let values: [EngineSetting: String] = [
        .threads: "2", .context: "512", .offload: "all", .gpuLayers: "3", .apiKeyEnv: "TOKEN",
        .serverPath: "/opt/llama-server", .extraArgs: "[--mlock]", .llamaBench: "true", .parallel: "4",
    ]

    static func plan(_ engine: EngineCapabilities, setting: EngineSetting?) -> String {
        var fields = ["name: e", "kind: \(engine.kind.rawValue)"]
        if !engine.runsLocally { fields.append("url: \"\(engine.exampleURL)\"") }
        if let setting { fields.append("\(setting.rawValue): \(values[setting]!)") }
        return """
            engines:
              - {\(fields.joined(separator: ", "))}
            models:
              - {name: m, file: smollm2-135m, served: m}
            workloads:
              - {name: w, prompt: Hi, max_tokens: 16}
            """
    }

    @Test(arguments: EngineRegistry.catalog.all)
    func everyKindLoadsWithTheSettingsItHonours(_ engine: EngineCapabilities) {
        #expect(errors(Self.plan(engine, setting: nil)) == [], "\(engine.kind)")
        for setting in EngineSetting.allCases where engine.honours(setting) {
            // offload and gpu_layers are checked one at a time; together they are their own mistake
            #expect(errors(Self.plan(engine, setting: setting)) == [], "\(engine.kind) \(setting)")
        }
    }

    @Test(arguments: EngineRegistry.catalog.all)
    func aSettingTheKindDoesNotHonourIsRejectedAtTheKey(_ engine: EngineCapabilities) {
        for setting in EngineSetting.allCases where !engine.honours(setting) {
            let found = errors(Self.plan(engine, setting: setting))
            #expect(found.count == 1, "\(engine.kind) \(setting): \(found)")
            #expect(found.first?.hasPrefix("plan.yaml:2:") == true, "\(found)")
            #expect(found.first?.contains("error: '\(setting.rawValue)' ") == true, "\(found)")
            #expect(found.first?.contains("kind \(engine.kind.rawValue)") == true, "\(found)")
        }
    }

    /// A setting added to `EngineSetting` must also be a key the loader reads, or no plan could give it.
    @Test func theLoaderKnowsEverySetting() {
        let expected = LoadContext.commonEngineKeys.union(EngineSetting.allCases.map(\.rawValue))
        #expect(Set(LoadContext.engineKeys) == expected)
    }

    @Test func theKindListInMessagesIsTheCatalogs() {
        let found = errors("engines:\n  - {name: e, kind: zzzzzz, url: \"http://x:1\"}\nmodels:\n  - {name: m, served: m}\nworkloads:\n  - {name: w, prompt: Hi}")
        let kinds = EngineRegistry.catalog.kinds.map(\.rawValue).joined(separator: ", ")
        #expect(found.first == "plan.yaml:2:21: error: 'kind' must be one of \(kinds), got \"zzzzzz\"")
    }

    /// A kind added to the catalog (as a registry line adds one) is accepted, checked and listed with
    /// no change to the loader.
    @Test func aNewKindNeedsNoLoaderChange() throws {
        let mlc = EngineCapabilities(
            kind: "mlc", displayName: "MLC", summary: "MLC LLM's REST server", settings: [.threads],
            requestOptions: [.temperature], defaultPort: 8000, exampleURL: "http://127.0.0.1:8000",
            tokenLimit: TokenLimit(maximum: 512, name: "max_gen_len"))
        let catalog = EngineCatalog(EngineRegistry.catalog.all + [mlc])
        func load(_ engine: String, maxTokens: Int = 16) throws -> Plan {
            try PlanLoader.parse(
                "engines:\n  - \(engine)\nmodels:\n  - {name: m, served: m}\nworkloads:\n  - {name: w, prompt: Hi, max_tokens: \(maxTokens)}",
                file: "plan.yaml", baseDirectory: nil, engines: catalog)
        }
        #expect(try load("{name: x, kind: mlc, url: \"http://box:8000\", threads: 4}").engines.first?.kind == "mlc")

        let refused = #expect(throws: PlanErrors.self) { try load("{name: x, kind: mlc, url: \"http://box:8000\", offload: all}") }
        #expect(refused?.errors.map(\.description) == [
            "plan.yaml:2:50: error: 'offload' applies to managed, ollama and llama-bench engines (EdgeBench starts the engine or sends Ollama options); for kind mlc, set it on the server you run"
        ])
        let threads = #expect(throws: PlanErrors.self) { try load("{name: x, kind: openai, url: \"http://box:8000\", threads: 4}") }
        #expect(threads?.errors.first?.message.hasPrefix("'threads' applies to managed, ollama, llama-bench and mlc engines") == true)

        let long = #expect(throws: PlanErrors.self) { try load("{name: x, kind: mlc, url: \"http://box:8000\"}", maxTokens: 600) }
        #expect(long?.errors.first?.message == "workload 'w' asks for 600 tokens, but MLC engine 'x' accepts max_gen_len 1…512; lower max_tokens or exclude the pair")
    }
}
