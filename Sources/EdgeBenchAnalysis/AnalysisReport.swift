import EdgeBenchCore

/// Everything `edgebench analyze` prints, as values.
public struct AnalysisReport: Sendable {
    /// the completed configurations, in input order
    public var configurations: [ConfigurationAnalysis]
    /// configurations left out because they did not complete
    public var failed: [FailedConfiguration]
    /// what the Pareto front and the ranking compared
    public var candidates: [Candidate]
    public var pareto: ParetoResult
    public var acceleratorGains: [AcceleratorGain]
    public var scenario: Scenario?
    public var ranking: Ranking?
    /// the analysis parameters in effect, each marked when it is the documented default
    public var parameters: [AnalysisParameterUse]
    /// remarks about the input as a whole (e.g. runs with different parameters)
    public var notes: [String]
    /// how the Pareto objectives were chosen from the data; nil when they were given
    public var objectiveChoice: ObjectiveChoice?
    /// without a scenario: the front ranked with its objectives weighed equally, so there is a first choice
    public var balanced: Ranking?
    /// which price `price`, `throughput_per_dollar` and `cost_per_mtok` used for every configuration, and why
    public var priceBasis: PriceBasis = .board
    public var priceBasisReason = ""

    public init(
        configurations: [ConfigurationAnalysis], failed: [FailedConfiguration], candidates: [Candidate],
        pareto: ParetoResult, acceleratorGains: [AcceleratorGain], scenario: Scenario? = nil, ranking: Ranking? = nil,
        parameters: [AnalysisParameterUse], notes: [String] = []
    ) {
        self.configurations = configurations
        self.failed = failed
        self.candidates = candidates
        self.pareto = pareto
        self.acceleratorGains = acceleratorGains
        self.scenario = scenario
        self.ranking = ranking
        self.parameters = parameters
        self.notes = notes
    }
}

/// A configuration that did not complete, and why.
public struct FailedConfiguration: Sendable, Equatable {
    public var id: String
    /// "failed" or "interrupted"
    public var status: String
    public var error: String

    public init(id: String, status: String, error: String) {
        self.id = id
        self.status = status
        self.error = error
    }
}
