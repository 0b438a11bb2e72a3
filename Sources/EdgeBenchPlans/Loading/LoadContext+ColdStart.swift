import EdgeBenchCore
import Yams

extension LoadContext {
    /// A `start: cold` workload paired with an engine that cannot unload its model would fail mid-run, or
    /// worse, measure warm requests as cold ones: an error at the workload's `start`, once per pair, with why
    /// and the kinds that can. llama-bench twins of managed engines are skipped: they measure no TTFT, so a
    /// workload's start means nothing to them.
    func checkColdStarts(_ plan: Plan, workloadNodes: [Node]) {
        let able = catalog.all.filter(\.coldStart.isSupported).map(\.kind.rawValue)
        var reported: Set<String> = []
        for configuration in plan.expand() where configuration.workload.start == .cold && configuration.llamaBenchOf == nil {
            guard let engine = catalog[configuration.engine.kind], case .unsupported(let why) = engine.coldStart else { continue }
            let workload = configuration.workload.name
            guard reported.insert(workload + "\u{0}" + configuration.engine.name).inserted else { continue }
            let node = workloadNodes.first { $0.mapping?["name"]?.scalar?.string == workload }
            diagnostics.error(
                "workload '\(workload)' has start: cold, but \(configuration.engine.kind.rawValue) engine "
                    + "'\(configuration.engine.name)' cannot unload its model (\(why)); cold starts run on "
                    + "\(EngineCatalog.sentence(able, conjunction: "and")) engines: use one of those, start: warm, "
                    + "or exclude the pair",
                at: node?.mapping?["start"]?.mark ?? node?.mark)
        }
    }
}
