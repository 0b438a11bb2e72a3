import EdgeBenchCore

/// Turns measured configurations into decisions (DESIGN.md *Analysis*): derived metrics per
/// configuration, accelerator gains, the Pareto front and, given a scenario, a ranking.
/// Pure: everything it needs comes in as arguments.
public enum Analysis {
    /// The Pareto objectives for a run that measured everything: fast, frugal, small. With no objectives
    /// given, `ObjectiveChoice` picks them from what the data has.
    public static let defaultObjectives = ObjectiveChoice.preferred

    /// Analyses the configurations of several runs. A configuration id seen in an earlier run gets
    /// "@<run id>" appended so nothing is silently merged; the first run's analysis parameters apply
    /// unless `parameters` is given (a note says when the runs disagree).
    public static func analyze(
        bundles: [ResultBundle], parameters: AnalysisParameters? = nil, objectives: [Objective]? = nil,
        scenario: Scenario? = nil
    ) -> AnalysisReport {
        var seen: Set<String> = []
        var configurations: [ConfigurationResult] = []
        for bundle in bundles {
            for var configuration in bundle.configurations {
                if seen.contains(configuration.id) { configuration.id += "@" + bundle.run.id }
                seen.insert(configuration.id)
                configurations.append(configuration)
            }
        }
        let given = bundles.compactMap(\.analysis)
        var report = analyze(
            configurations, parameters: parameters ?? given.first, objectives: objectives, scenario: scenario)
        report.addRequestedCapNotes(bundles)
        if parameters == nil, let first = given.first, given.contains(where: { $0 != first }) {
            report.notes.append("the runs' analysis parameters differ; the first run's are used")
        }
        return report
    }

    /// Analyses `configurations` of one run. Only completed configurations are compared; the others are
    /// listed in `failed` with their error. `parameters` nil means the documented defaults; `objectives`
    /// nil means chosen from what the data has (`ObjectiveChoice`, said in `objectiveChoice`).
    public static func analyze(
        _ configurations: [ConfigurationResult], parameters: AnalysisParameters? = nil, objectives: [Objective]? = nil,
        scenario: Scenario? = nil
    ) -> AnalysisReport {
        let used = parameters ?? AnalysisParameters()
        let completed = configurations.filter { $0.status == .completed }
        let failed = configurations.filter { $0.status != .completed }.map {
            FailedConfiguration(id: $0.id, status: $0.status.rawValue, error: $0.error ?? "no error recorded")
        }
        let gains = AcceleratorGain.pairs(completed)
        let (basis, basisReason) = PriceBasis.choose(for: completed.compactMap(\.device))
        let analysed = completed.map { configuration in
            var derived = DerivedMetrics.compute(for: configuration, parameters: used, priceBasis: basis)
            derived.values[.acceleratorGain] = acceleratorGain(of: configuration, among: gains)
            return ConfigurationAnalysis(configuration, derived: derived)
        }
        let candidates = analysed.map(\.candidate)
        let ranking = scenario.map { $0.rank(candidates) }
        let choice = objectives == nil ? ObjectiveChoice.choose(for: candidates) : nil
        var report = AnalysisReport(
            configurations: analysed, failed: failed, candidates: candidates,
            pareto: ParetoFront.compute(candidates, objectives: objectives ?? choice?.objectives ?? []),
            acceleratorGains: gains, scenario: scenario, ranking: ranking, parameters: AnalysisParameterUse.list(used))
        report.objectiveChoice = choice
        report.priceBasis = basis
        report.priceBasisReason = basisReason
        if scenario == nil { report.balanced = balanced(report.pareto, candidates: candidates) }
        return report
    }

    /// With no scenario, one answer anyway: the front members ranked with the Pareto objectives weighed
    /// equally (min–max normalised, as a scenario does). Nil when the front is empty.
    static func balanced(_ pareto: ParetoResult, candidates: [Candidate]) -> Ranking? {
        guard !pareto.front.isEmpty, !pareto.objectives.isEmpty else { return nil }
        let share = 1 / Double(pareto.objectives.count)
        let scenario = Scenario(
            name: "balanced", description: "the Pareto objectives weighed equally, front members only",
            weights: pareto.objectives.map {
                ScenarioWeight(metric: $0.metric, weight: share, direction: $0.direction, reason: "an equal share")
            })
        return scenario.rank(candidates.filter { pareto.front.contains($0.id) })
    }

    /// An accelerated configuration's gain over its CPU pair (on its own device first, then on its base board).
    static func acceleratorGain(of configuration: ConfigurationResult, among gains: [AcceleratorGain]) -> DerivedValue {
        guard configuration.device != nil else { return .notAvailable(DeviceInputs.noDevice) }
        let own = gains.filter { $0.acceleratedConfiguration == configuration.id }
        if let pair = own.first(where: { $0.board == configuration.device?.id }) ?? own.first { return pair.gain }
        if gains.contains(where: { $0.cpuConfiguration == configuration.id }) {
            return .notAvailable("the CPU side of a pair: the gain is reported on the accelerated configuration")
        }
        switch Placement(configuration) {
        case .cpu: return .notAvailable("a CPU configuration with no accelerated configuration to compare")
        case .accelerated:
            return .notAvailable("no CPU configuration of the same board, model and workload was measured")
        case .unknown:
            return .notAvailable("whether it ran on the CPU or an accelerator is unknown (the engine reported no offload)")
        }
    }
}
