import EdgeBenchCore

/// Two runs side by side, configuration by configuration (paired by id), as a regression gate in the style
/// of package-benchmark: exit 0 within thresholds, 2 when anything regressed, 4 when only improvements.
///
/// Means are compared; a change counts only when it is past its threshold AND beyond noise by Welch's
/// t-test (two-sided, α = 0.05). A configuration that completed in the base run but failed or was
/// interrupted in the new one counts as a regression: a gate that passes when the work stopped working
/// would wave the worst regression through.
public struct RunComparison: Sendable, Equatable {
    public static let regressedExitCode: Int32 = 2
    public static let improvedExitCode: Int32 = 4
    /// No configuration in common, or no metric both sides have: a gate that passed here would pass vacuously.
    public static let nothingToCompareExitCode: Int32 = 5

    public var baseRunID: String
    public var newRunID: String
    /// configurations present in both runs, in the new run's order
    public var configurations: [ConfigurationComparison]
    /// ids only in the new run
    public var added: [String]
    /// ids only in the base run
    public var removed: [String]
    /// the threshold every metric not named got
    public var defaultThreshold: MetricThreshold.Limit
    /// what was skipped and why (a unit changed between runs, a repeated id)
    public var notes: [String]

    public init(
        baseRunID: String, newRunID: String, configurations: [ConfigurationComparison], added: [String],
        removed: [String], defaultThreshold: MetricThreshold.Limit = MetricThreshold.defaultLimit, notes: [String] = []
    ) {
        self.baseRunID = baseRunID
        self.newRunID = newRunID
        self.configurations = configurations
        self.added = added
        self.removed = removed
        self.defaultThreshold = defaultThreshold
        self.notes = notes
    }

    /// Compares `new` against `base`.
    /// - Parameters:
    ///   - thresholds: per metric, plus optionally `default` for every metric not named; a later entry for the
    ///     same metric replaces an earlier one
    ///   - metrics: only these metrics (nil: every metric both runs summarised)
    public static func compare(
        base: ResultBundle, new: ResultBundle, thresholds: [MetricThreshold] = [], metrics: [MetricID]? = nil
    ) -> RunComparison {
        var notes: [String] = []
        var named: [MetricID: MetricThreshold] = [:]
        var defaultLimit = MetricThreshold.defaultLimit
        for threshold in thresholds {
            if let metric = threshold.metric { named[metric] = threshold } else { defaultLimit = threshold.limit }
        }
        func threshold(for metric: MetricID) -> MetricThreshold {
            named[metric] ?? MetricThreshold(metric: metric, limit: defaultLimit)
        }

        let baseByID = firstByID(base.configurations, run: "base", notes: &notes)
        let newByID = firstByID(new.configurations, run: "new", notes: &notes)
        let newOrder = uniqueIDs(new.configurations)
        let baseOrder = uniqueIDs(base.configurations)

        var compared: [ConfigurationComparison] = []
        for id in newOrder {
            guard let before = baseByID[id], let after = newByID[id] else { continue }
            var rows: [MetricComparison] = []
            for metric in metricOrder(before.summary, after.summary, only: metrics) {
                guard let b = before.summary[metric], let a = after.summary[metric] else { continue }
                guard b.unit == a.unit else {
                    notes.append(
                        "\(id): \(metric) not compared: stored in \(b.unit.rawValue) in the base run and "
                            + "\(a.unit.rawValue) in the new one")
                    continue
                }
                rows.append(MetricComparison(metric: metric, base: b, new: a, threshold: threshold(for: metric)))
            }
            compared.append(
                ConfigurationComparison(
                    id: id, metrics: rows, baseStatus: before.status, newStatus: after.status, newError: after.error))
        }
        return RunComparison(
            baseRunID: base.run.id, newRunID: new.run.id, configurations: compared,
            added: newOrder.filter { baseByID[$0] == nil }, removed: baseOrder.filter { newByID[$0] == nil },
            defaultThreshold: defaultLimit, notes: notes)
    }

    /// Every metric comparison with this verdict, with its configuration's id.
    public func metrics(_ verdict: ComparisonVerdict) -> [(configuration: String, metric: MetricComparison)] {
        configurations.flatMap { c in c.metrics.filter { $0.verdict == verdict }.map { (c.id, $0) } }
    }

    /// Configurations that completed in the base run but not in the new one.
    public var broken: [ConfigurationComparison] { configurations.filter(\.brokeInNew) }

    /// 2 when any metric regressed (or a configuration stopped completing), else 4 when any improved, else
    /// 5 when nothing was compared (`nothingToCompare`), else 0.
    public var exitCode: Int32 {
        if !metrics(.regressed).isEmpty || !broken.isEmpty { return Self.regressedExitCode }
        if !metrics(.improved).isEmpty { return Self.improvedExitCode }
        if nothingToCompare != nil { return Self.nothingToCompareExitCode }
        return 0
    }

    /// Why nothing was compared, naming each side's configurations; nil when at least one metric was.
    public var nothingToCompare: String? {
        func brief(_ ids: [String]) -> String {
            guard !ids.isEmpty else { return "none" }
            let shown = ids.prefix(4).joined(separator: ", ")
            return ids.count > 4 ? shown + " and \(ids.count - 4) more" : shown
        }
        if configurations.isEmpty {
            let baseIDs = removed, newIDs = added
            return "the runs share no configuration (configurations are paired by id): base \(baseRunID) has "
                + "\(brief(baseIDs)); new \(newRunID) has \(brief(newIDs)). Compare runs of the same plan"
        }
        guard configurations.allSatisfy({ $0.metrics.isEmpty }) else { return nil }
        return "\(count(configurations.count, "configuration")) in common (\(brief(configurations.map(\.id)))) but no "
            + "metric both runs summarised (among --metrics, when given)"
    }

    /// One line for the end of the output: "regressed: 2 metrics in 1 configuration (…)".
    public var verdictLine: String {
        let regressed = metrics(.regressed)
        let improved = metrics(.improved)
        let noisy = metrics(.noisy)
        let noisyText = noisy.isEmpty
            ? "" : "; \(count(noisy.count, "metric")) past the threshold but not beyond noise (\(WelchTest.name), or untestable)"
        func list(_ items: [(configuration: String, metric: MetricComparison)]) -> String {
            items.map { "\($0.configuration) \($0.metric.metric)" }.joined(separator: ", ")
        }
        if !regressed.isEmpty || !broken.isEmpty {
            var parts: [String] = []
            if !regressed.isEmpty {
                let configurations = Set(regressed.map(\.configuration)).count
                parts.append(
                    "\(count(regressed.count, "metric")) in \(count(configurations, "configuration")) (\(list(regressed)))")
            }
            if !broken.isEmpty {
                parts.append(
                    "\(count(broken.count, "configuration")) no longer completed (\(broken.map(\.id).joined(separator: ", ")))")
            }
            let improvedText = improved.isEmpty ? "" : "; \(count(improved.count, "metric")) improved"
            return "regressed: " + parts.joined(separator: "; ") + improvedText + noisyText + " — exit 2"
        }
        if !improved.isEmpty {
            return "improved: \(count(improved.count, "metric")) (\(list(improved))), none regressed" + noisyText + " — exit 4"
        }
        if let nothing = nothingToCompare { return "nothing to compare: " + nothing + " — exit 5" }
        let total = configurations.reduce(0) { $0 + $1.metrics.count }
        return "unchanged: \(count(total, "metric")) in \(count(configurations.count, "configuration")) within thresholds"
            + noisyText + " — exit 0"
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private static func firstByID(
        _ configurations: [ConfigurationResult], run: String, notes: inout [String]
    ) -> [String: ConfigurationResult] {
        var byID: [String: ConfigurationResult] = [:]
        for configuration in configurations {
            if byID[configuration.id] == nil {
                byID[configuration.id] = configuration
            } else {
                notes.append("the \(run) run holds configuration \(configuration.id) twice; the first was compared")
            }
        }
        return byID
    }

    private static func uniqueIDs(_ configurations: [ConfigurationResult]) -> [String] {
        var seen: Set<String> = []
        return configurations.map(\.id).filter { seen.insert($0).inserted }
    }

    /// METRICS.md order.
    private static func metricOrder(
        _ base: [MetricID: Summary], _ new: [MetricID: Summary], only: [MetricID]?
    ) -> [MetricID] {
        only ?? Set(base.keys).intersection(new.keys).sorted()
    }
}
