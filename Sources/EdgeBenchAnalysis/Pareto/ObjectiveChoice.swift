import EdgeBenchCore

/// The Pareto objectives used when none are asked for, chosen from what the data has, and why
/// (METRICS.md, Composite decisions). Fast, frugal, small, as far as the runs measured them:
///
/// - speed: `decode_rate:max` where every configuration has it, else `e2e_throughput:max` (imports of
///   end-to-end figures, such as the paper's CSV, have no decode rate);
/// - `energy_per_token:min` where every configuration has power;
/// - `volume:min` where every configuration's device has dimensions.
///
/// An objective some configurations lack is left out rather than leaving them off the front, and the
/// reason names them, so the front always holds every configuration that has a speed.
public struct ObjectiveChoice: Sendable, Equatable {
    public var objectives: [Objective]
    /// One line per objective considered: used, or left out and why.
    public var reasons: [String]

    public init(objectives: [Objective], reasons: [String]) {
        self.objectives = objectives
        self.reasons = reasons
    }

    /// The documented default, for a run that has everything.
    public static let preferred = "decode_rate:max,energy_per_token:min,volume:min"

    public static func choose(for candidates: [Candidate]) -> ObjectiveChoice {
        var objectives: [Objective] = []
        var reasons: [String] = []
        func lacking(_ metric: MetricID) -> [Candidate] {
            candidates.filter { $0.value(MetricKey(metric)) == nil }
        }
        func names(_ list: [Candidate]) -> String {
            let shown = list.prefix(3).map(\.id).joined(separator: ", ")
            return list.count > 3 ? shown + " and \(list.count - 3) more" : shown
        }
        func why(_ metric: MetricID, _ list: [Candidate]) -> String {
            list.first?.missing[metric].map { ": \($0)" } ?? ""
        }
        let total = candidates.count

        let noDecode = lacking(.decodeRate), noThroughput = lacking(.e2eThroughput)
        if noDecode.isEmpty {
            objectives.append(Objective(metric: MetricKey(.decodeRate), direction: .maximize))
            reasons.append("decode_rate:max — every configuration has a decode rate")
        } else if noThroughput.isEmpty {
            objectives.append(Objective(metric: MetricKey(.e2eThroughput), direction: .maximize))
            reasons.append(
                "e2e_throughput:max — in place of decode_rate, which \(noDecode.count) of \(total) configurations lack "
                    + "(\(names(noDecode))\(why(.decodeRate, noDecode))); e2e_throughput counts the TTFT in")
        } else {
            let useDecode = noDecode.count <= noThroughput.count
            let metric: MetricID = useDecode ? .decodeRate : .e2eThroughput
            objectives.append(Objective(metric: MetricKey(metric), direction: .maximize))
            let missing = useDecode ? noDecode : noThroughput
            reasons.append(
                "\(metric.rawValue):max — the speed most configurations have; \(names(missing)) lack it "
                    + "and are not compared")
        }

        /// Minimised where every configuration has it; else left out, saying who lacks it and why.
        func addWhereEveryoneHas(_ metric: MetricID, because reason: String) {
            let missing = lacking(metric)
            if missing.isEmpty {
                objectives.append(Objective(metric: MetricKey(metric), direction: .minimize))
                reasons.append("\(metric.rawValue):min — \(reason)")
            } else {
                reasons.append(
                    "\(metric.rawValue) left out — \(missing.count) of \(total) configurations have none "
                        + "(\(names(missing))\(why(metric, missing)))")
            }
        }
        addWhereEveryoneHas(.energyPerToken, because: "every configuration has power measured")
        addWhereEveryoneHas(.volume, because: "every configuration's device has dimensions in the catalog or the plan")
        reasons.append("choose others with --objectives, e.g. --objectives \(preferred)")
        return ObjectiveChoice(objectives: objectives, reasons: reasons)
    }
}
