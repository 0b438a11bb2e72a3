import Foundation

/// What one engine kind honours and how it is reached: the facts plans, the one-off flags and `--help`
/// need about a kind. A plain value in Core so the plan loader can check a plan against it without
/// depending on the engines; `EngineRegistry` (EdgeBenchEngines) supplies the list.
public struct EngineCapabilities: Sendable, Hashable {
    public var kind: EngineKind
    /// How messages name the engine ("StackFlow", "Ollama").
    public var displayName: String
    /// One line for `--engine`'s help.
    public var summary: String
    /// Plan keys (and their one-off flags) this kind honours beyond name, kind, url, timeout, device, power.
    public var settings: Set<EngineSetting>
    /// Request fields this kind passes on to the model; the rest are the engine's own.
    public var requestOptions: Set<RequestOption>
    /// Runs on this machine from a GGUF file: no url, a model `file` is required.
    public var runsLocally: Bool
    /// Schemes a `url` may use; the first is the one examples show.
    public var urlSchemes: [String]
    public var defaultPort: Int
    /// What a url for this kind looks like, for help and error messages.
    public var exampleURL: String
    /// Matrix axes (threads, context, offload) make variants of this kind: EdgeBench starts it or
    /// sends those settings with every request.
    public var takesParameterAxes: Bool
    /// The most tokens one request may ask for, where the engine fixes a limit.
    public var tokenLimit: TokenLimit?
    /// Why this kind cannot take several requests at once (load levels other than synchronous); nil when
    /// it can.
    public var oneAtATime: String?
    /// Whether a workload may ask for `start: cold` on this kind (its prepared engine then carries a
    /// `ColdStarting`), and how or why not.
    public var coldStart: ColdStartSupport
    /// The context (tokens) EdgeBench gives the engine when the plan sets no `context` (managed: llama-server
    /// `-c`); nil where the server decides. With it the plan loader refuses a prompt that cannot fit.
    public var defaultContextSize: Int?

    public init(
        kind: EngineKind, displayName: String, summary: String, settings: Set<EngineSetting> = [],
        requestOptions: Set<RequestOption>, runsLocally: Bool = false, urlSchemes: [String] = ["http", "https"],
        defaultPort: Int, exampleURL: String, takesParameterAxes: Bool = false, tokenLimit: TokenLimit? = nil,
        oneAtATime: String? = nil,
        coldStart: ColdStartSupport = .unsupported(why: "its driver says nothing of unloading a model"),
        defaultContextSize: Int? = nil
    ) {
        self.oneAtATime = oneAtATime
        self.kind = kind
        self.displayName = displayName
        self.summary = summary
        self.settings = settings
        self.requestOptions = requestOptions
        self.runsLocally = runsLocally
        self.urlSchemes = urlSchemes
        self.defaultPort = defaultPort
        self.exampleURL = exampleURL
        self.takesParameterAxes = takesParameterAxes
        self.tokenLimit = tokenLimit
        self.coldStart = coldStart
        self.defaultContextSize = defaultContextSize
    }

    public func honours(_ setting: EngineSetting) -> Bool { settings.contains(setting) }

    /// The url shape for `--url`'s help: `http://HOST:8080/v1`.
    public var urlTemplate: String {
        guard let url = URL(string: exampleURL), let scheme = url.scheme else { return exampleURL }
        return "\(scheme)://HOST:\(defaultPort)\(url.path)"
    }
}
