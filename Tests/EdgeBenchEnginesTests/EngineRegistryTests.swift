import EdgeBenchCore
import EdgeBenchEngines
import Foundation
import Testing

/// The registry is the one list of kinds: every kind's capabilities must agree with themselves, and
/// help must show exactly what is registered.
struct EngineRegistryTests {
    static let kinds = EngineRegistry.catalog.kinds

    @Test func kindsAreRegisteredOnceInHelpOrder() {
        #expect(Self.kinds.map(\.rawValue) == [
            "managed", "llamacpp", "openai", "ollama", "hailo-ollama", "stackflow", "llama-bench",
        ])
        #expect(Set(Self.kinds).count == Self.kinds.count)
        for kind in Self.kinds { #expect(EngineRegistry.driver(for: kind)?.kind == kind) }
    }

    @Test(arguments: EngineRegistry.catalog.all)
    func capabilitiesAreConsistent(_ engine: EngineCapabilities) throws {
        let example = try #require(URL(string: engine.exampleURL), "\(engine.kind): exampleURL does not parse")
        #expect(example.scheme == engine.urlSchemes.first, "\(engine.kind): the example uses the first scheme")
        #expect(example.port == engine.defaultPort, "\(engine.kind): the example uses the default port")
        #expect(!engine.summary.isEmpty && !engine.displayName.isEmpty)
        // offload and gpu_layers are one setting written two ways
        #expect(engine.honours(.offload) == engine.honours(.gpuLayers), "\(engine.kind)")
        // axes vary what EdgeBench sends or starts with, so the kind must take each of them
        if engine.takesParameterAxes {
            #expect(engine.honours(.threads) && engine.honours(.context) && engine.honours(.offload), "\(engine.kind)")
        }
        // a server binary and its arguments only mean something where EdgeBench starts the engine
        if engine.honours(.serverPath) || engine.honours(.extraArgs) || engine.honours(.llamaBench) {
            #expect(engine.runsLocally, "\(engine.kind)")
        }
        // nothing to authenticate against on this machine
        if engine.runsLocally { #expect(!engine.honours(.apiKeyEnv), "\(engine.kind)") }
        if let limit = engine.tokenLimit { #expect(limit.maximum > 0 && !limit.name.isEmpty) }
    }

    @Test func theLlamaBenchSiblingKindIsRegisteredAndLocal() {
        #expect(EngineKind.llamaBench.capabilities?.runsLocally == true)
        // a managed engine's `llama_bench: true` adds a configuration of that kind
        let siblings = EngineRegistry.catalog.all.filter { $0.honours(.llamaBench) }
        #expect(!siblings.isEmpty && siblings.allSatisfy { $0.runsLocally })
    }

    @Test func engineHelpListsExactlyTheRegisteredKinds() {
        let lines = EngineHelp.kinds().split(separator: "\n")
        #expect(lines.compactMap { $0.split(separator: " ").first.map(String.init) } == Self.kinds.map(\.rawValue))
        // one column for the summaries
        let starts = zip(lines, EngineRegistry.catalog.all).map { line, engine in
            line.hasSuffix(engine.summary) ? line.count - engine.summary.count : -1
        }
        #expect(Set(starts).count == 1 && starts[0] > 0, "\(starts)")
        #expect(lines.first == "managed       EdgeBench starts llama-server itself (the default)")
    }

    @Test func urlHelpNamesEveryKindThatConnects() {
        #expect(EngineHelp.url() == "Address of a running server: llamacpp http://HOST:8080, openai http://HOST:8080/v1, ollama http://HOST:11434, hailo-ollama http://HOST:8000, stackflow tcp://HOST:10001.")
    }

    @Test func kindsAreWrittenAsPlainNamesInBundles() throws {
        let data = try JSONEncoder().encode(EngineSpec(name: "h", kind: .hailoOllama, url: "http://pi:8000"))
        #expect(String(decoding: data, as: UTF8.self).contains(#""kind":"hailo-ollama""#))
        #expect(try JSONDecoder().decode(EngineSpec.self, from: data).kind == .hailoOllama)
    }

    @Test func aKindThisBuildDoesNotKnowHasNoCapabilities() {
        let unknown = EngineKind("tensorrt")
        #expect(unknown.capabilities == nil)
        #expect(!unknown.runsLocally)
        #expect(EngineRegistry.driver(for: unknown) == nil)
    }

    @Test func llamaBenchIsRunByTheRunnerNotPrepared() async throws {
        let driver = try #require(EngineRegistry.driver(for: .llamaBench))
        let configuration = Configuration(
            id: "b/m/w", engine: EngineSpec(name: "b", kind: .llamaBench), model: ModelSpec(name: "m"),
            workload: Workload(name: "w", request: GenerationRequest(prompt: "Hi", maxTokens: 8)), repetitions: 1, warmup: 0)
        let client = HTTPTransport.makeClient(connectTimeout: .seconds(1))
        let context = EngineContext(
            client: client, cache: CachePaths(root: FileManager.default.temporaryDirectory), llamaServerPath: nil,
            runDirectory: FileManager.default.temporaryDirectory,
            models: ModelResolver(cache: CachePaths(root: FileManager.default.temporaryDirectory)), phase: { _ in },
            note: { _ in })
        await #expect(throws: EngineConfigurationError("engine kind llama-bench runs llama-bench itself; it has no server to prepare")) {
            try await driver.prepare(configuration, context: context)
        }
        try await client.shutdown()
    }

    /// Issue 15: the kinds whose model EdgeBench can unload and load again, and why the others cannot.
    @Test func coldStartsAreOfferedByTheKindsThatCanUnloadTheirModel() {
        let able = EngineRegistry.catalog.all.filter(\.coldStart.isSupported).map(\.kind)
        #expect(able == [.managed, .ollama, .hailoOllama, .stackflow])
        #expect(EngineKind.llamacpp.capabilities?.coldStart == .unsupported(
            why: "a llama-server EdgeBench did not start keeps its model until it is restarted, which only its owner can do"))
        #expect(EngineKind.openai.capabilities?.coldStart == .unsupported(
            why: "the OpenAI API has no request that unloads a model, and EdgeBench did not start the server"))
        #expect(EngineKind.llamaBench.capabilities?.coldStart == .unsupported(
            why: "llama-bench loads the model once per run and measures no time to a first token"))
    }

    @Test func quantisationIsGuessedFromGGUFFileNames() {
        #expect(Quantisation.guess(fromFileName: "qwen2.5-0.5b-instruct-q4_k_m.gguf") == "Q4_K_M")
        #expect(Quantisation.guess(fromFileName: "SmolLM2-135M-Instruct-Q8_0.gguf") == "Q8_0")
        #expect(Quantisation.guess(fromFileName: "model-f16.gguf") == "F16")
        #expect(Quantisation.guess(fromFileName: "model.gguf") == nil)
    }

    @Test func theServerLogNamesTheOffloadItAchieved() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("eb-server-\(UUID().uuidString).log")
        try Data("load_tensors: offloaded 12/31 layers to GPU\n".utf8).write(to: log)
        #expect(LlamaServerLog.offload(in: log) == "offloaded 12/31 layers to GPU")
        #expect(LlamaServerLog.offload(in: log.appendingPathExtension("missing")) == nil)
        try FileManager.default.removeItem(at: log)
    }
}
