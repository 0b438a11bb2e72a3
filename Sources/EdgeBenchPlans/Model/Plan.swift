import EdgeBenchCore

/// A validated benchmark plan: what to run (engines × models × workloads) and how often.
/// Built only by `PlanLoader`, which rejects a plan with any mistake before anything runs.
public struct Plan: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// measured requests per configuration
    public var repetitions: Int
    /// warm-up requests per configuration, never counted
    public var warmup: Int
    public var engines: [EngineSpec]
    public var models: [ModelSpec]
    public var workloads: [Workload]
    /// workload name → its `prompt_tokens:` list: expansion makes one workload per length, `<name>-p<N>`
    /// (a single `prompt_tokens: N` is the workload's own `promptTokens` instead, its name unchanged)
    public var promptLengths: [String: [Int]]
    public var matrix: PlanMatrix
    public var excludes: [PlanExclusion]
    /// `devices:` in plan order: catalog overrides and boards of the plan's own
    public var devices: [PlanDevice]
    /// engine name (as written under `engines:`) → its `device:` (a `devices:` key or a catalog id)
    public var engineDevices: [String: String]
    /// `analysis:`; nil when the plan gives none (the defaults apply)
    public var analysis: AnalysisParameters?
    /// `power:` sources and the measurement settings that go with them
    public var power: PlanPower
    /// the plan file as written, kept with results for provenance
    public var sourceText: String
    /// sha256 (hex) of the plan file's bytes
    public var hash: String
    /// where it was read from, as given (nil when parsed from text only)
    public var path: String?
    /// the kinds the plan was checked against; expansion asks it which kinds take parameter axes
    public var engineCatalog: EngineCatalog

    public init(
        name: String, description: String? = nil, repetitions: Int, warmup: Int, engines: [EngineSpec],
        models: [ModelSpec], workloads: [Workload], promptLengths: [String: [Int]] = [:], matrix: PlanMatrix = PlanMatrix(),
        excludes: [PlanExclusion] = [], devices: [PlanDevice] = [], engineDevices: [String: String] = [:],
        analysis: AnalysisParameters? = nil, power: PlanPower = PlanPower(), sourceText: String, hash: String,
        path: String? = nil, engineCatalog: EngineCatalog
    ) {
        self.name = name
        self.description = description
        self.repetitions = repetitions
        self.warmup = warmup
        self.engines = engines
        self.models = models
        self.workloads = workloads
        self.promptLengths = promptLengths
        self.matrix = matrix
        self.excludes = excludes
        self.devices = devices
        self.engineDevices = engineDevices
        self.analysis = analysis
        self.power = power
        self.sourceText = sourceText
        self.hash = hash
        self.path = path
        self.engineCatalog = engineCatalog
    }
}

/// Which names and engine parameters the plan crosses. A nil list means "all defined" for names
/// and "the engine's own setting" for parameter axes.
public struct PlanMatrix: Sendable, Equatable {
    public var engines: [String]?
    public var models: [String]?
    public var workloads: [String]?
    /// parameter axes: each value gives managed engines one more configuration
    public var threads: [Int]?
    public var contextSizes: [Int]?
    /// `offload: [none, all]` or `gpu_layers: [0, 99]`
    public var offloads: [Offload]?

    public init(
        engines: [String]? = nil, models: [String]? = nil, workloads: [String]? = nil, threads: [Int]? = nil,
        contextSizes: [Int]? = nil, offloads: [Offload]? = nil
    ) {
        self.engines = engines
        self.models = models
        self.workloads = workloads
        self.threads = threads
        self.contextSizes = contextSizes
        self.offloads = offloads
    }

    var hasParameterAxes: Bool { threads != nil || contextSizes != nil || offloads != nil }
}

/// One `exclude` entry: a configuration is dropped when every field given here matches it.
public struct PlanExclusion: Sendable, Equatable {
    public var engine: String?
    public var model: String?
    public var workload: String?
    public var threads: Int?
    public var contextSize: Int?
    /// matches a variant whose offload sends this many layers (`gpu_layers`, or `offload` all/none/N)
    public var gpuLayers: Int?
    /// matches a workload built to this many prompt tokens (`prompt_tokens`)
    public var promptTokens: Int?

    public init(
        engine: String? = nil, model: String? = nil, workload: String? = nil, threads: Int? = nil,
        contextSize: Int? = nil, gpuLayers: Int? = nil, promptTokens: Int? = nil
    ) {
        self.engine = engine
        self.model = model
        self.workload = workload
        self.threads = threads
        self.contextSize = contextSize
        self.gpuLayers = gpuLayers
        self.promptTokens = promptTokens
    }
}
