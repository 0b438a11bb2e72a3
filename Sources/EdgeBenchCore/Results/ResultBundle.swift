/// The portable result of one run (`edgebench/bundle@1`); JSON Schema in `schema/bundle.schema.json`.
public struct ResultBundle: Sendable, Equatable, Codable {
    public static let schemaID = "edgebench/bundle@1"

    public var schema: String
    public var run: RunInfo
    public var environment: Environment
    public var configurations: [ConfigurationResult]
    /// the plan's inputs to derived metrics (lifetime, electricity price, battery); nil = the defaults
    public var analysis: AnalysisParameters?

    public init(
        run: RunInfo, environment: Environment, configurations: [ConfigurationResult],
        analysis: AnalysisParameters? = nil
    ) {
        self.schema = ResultBundle.schemaID
        self.run = run
        self.environment = environment
        self.configurations = configurations
        self.analysis = analysis
    }
}

public struct RunInfo: Sendable, Equatable, Codable {
    public var id: String
    /// ISO 8601 wall-clock start (provenance only)
    public var startedAt: String
    public var edgebenchVersion: String
    /// sha256 of the plan's canonical text
    public var planHash: String
    public var planName: String?

    public init(id: String, startedAt: String, edgebenchVersion: String, planHash: String, planName: String? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.edgebenchVersion = edgebenchVersion
        self.planHash = planHash
        self.planName = planName
    }

    enum CodingKeys: String, CodingKey {
        case id
        case startedAt = "started_at"
        case edgebenchVersion = "edgebench_version"
        case planHash = "plan_hash"
        case planName = "plan_name"
    }
}

/// Provenance of the machine a run measured.
public struct Environment: Sendable, Equatable, Codable {
    public var hostname: String
    /// board model (device tree / DMI), nil when the machine does not say
    public var board: String?
    public var cpuModel: String?
    public var cpuCores: Int
    public var memoryBytes: Int64?
    public var os: String?
    public var kernel: String?
    public var architecture: String?

    public init(
        hostname: String, board: String?, cpuModel: String?, cpuCores: Int, memoryBytes: Int64?,
        os: String?, kernel: String?, architecture: String?
    ) {
        self.hostname = hostname
        self.board = board
        self.cpuModel = cpuModel
        self.cpuCores = cpuCores
        self.memoryBytes = memoryBytes
        self.os = os
        self.kernel = kernel
        self.architecture = architecture
    }

    enum CodingKeys: String, CodingKey {
        case hostname, board
        case cpuModel = "cpu_model"
        case cpuCores = "cpu_cores"
        case memoryBytes = "memory_bytes"
        case os, kernel, architecture
    }
}
