import EdgeBenchCore
import Foundation
import Yams

/// A workload's `load:` (METRICS.md "Load profiles") and `slo:`. `load` is one level or a list of them:
/// `synchronous`, `{concurrent: 4}` or `{concurrent: [1, 2, 4]}`, `{rate: 2, arrivals: poisson}` (rates
/// may be a list too), `{sweep: 3}` or `{sweep: {rates: 3, streams: 8, arrivals: constant}}`.
extension LoadContext {
    static let loadExample = "synchronous, {concurrent: [1, 2, 4]}, {rate: 2, arrivals: poisson} or {sweep: 3}"

    /// The levels in the order given, a level named twice (a sweep's synchronous end written again) once.
    func loadLevels(_ fields: Fields) -> [LoadLevel] {
        guard let node = fields.node("load") else { return [] }
        var levels: [LoadLevel] = []
        for item in node.sequence.map(Array.init) ?? [node] {
            for level in loadItem(item) where !levels.contains(level) { levels.append(level) }
        }
        return levels
    }

    private func loadItem(_ node: Node) -> [LoadLevel] {
        if let word = node.scalar?.string {
            if word == "synchronous" { return [.synchronous] }
            diagnostics.error("a load level is \(Self.loadExample); got \"\(word)\"", at: node.mark)
            return []
        }
        guard
            let fields = Fields(
                node, subject: "load level", expected: Self.loadExample,
                known: ["concurrent", "rate", "arrivals", "sweep"], diagnostics: diagnostics)
        else { return [] }
        let kinds = ["concurrent", "rate", "sweep"].filter(fields.has)
        guard kinds.count == 1 else {
            diagnostics.error(
                kinds.isEmpty
                    ? "a load level needs one of concurrent, rate or sweep, e.g. \(Self.loadExample)"
                    : "a load level is one of concurrent, rate or sweep, not \(kinds.joined(separator: " and ")): write each as its own item of a list",
                at: fields.mark)
            return []
        }
        let arrivals = self.arrivals(fields)
        if fields.has("arrivals"), kinds[0] == "concurrent" {
            diagnostics.error(
                "'arrivals' schedules a rate; concurrent streams send when their last request is done: remove it, or use rate",
                at: fields.keyMark("arrivals"))
        }
        switch kinds[0] {
        case "concurrent":
            return numbers(fields.node("concurrent")!, key: "concurrent", integers: true).map { .concurrent(Int($0)) }
        case "rate":
            return numbers(fields.node("rate")!, key: "rate", integers: false).map { .rate($0, arrivals) }
        default:
            return sweep(fields.node("sweep")!, arrivals: arrivals)
        }
    }

    private func arrivals(_ fields: Fields) -> LoadLevel.Arrivals {
        guard let raw = fields.string("arrivals") else { return .constant }
        guard let arrivals = LoadLevel.Arrivals(rawValue: raw) else {
            diagnostics.error(
                "'arrivals' must be constant (one request every 1/rate s) or poisson (random gaps of that mean, seeded by the workload's seed), got \"\(raw)\"",
                at: fields.node("arrivals")?.mark)
            return .constant
        }
        return arrivals
    }

    /// One number or a list of them: whole numbers ≥ 1 for streams, numbers > 0 for rates.
    private func numbers(_ node: Node, key: String, integers: Bool) -> [Double] {
        let expected = integers ? "a whole number of streams ≥ 1" : "a number of requests per second > 0"
        var values: [Double] = []
        for item in node.sequence.map(Array.init) ?? [node] {
            guard let text = item.scalar?.string, let value = Double(text), value.isFinite, value > 0,
                !integers || (value >= 1 && value == value.rounded() && Int(exactly: value) != nil)
            else {
                diagnostics.error("'\(key)' must be \(expected) (or a list of them), got \(item.describedValue)", at: item.mark)
                continue
            }
            values.append(value)
        }
        return values
    }

    /// `sweep: K` or `sweep: {rates: K, streams: S, arrivals: …}`: synchronous, then S streams (the
    /// saturated throughput), then K rates evenly between the two.
    private func sweep(_ node: Node, arrivals given: LoadLevel.Arrivals) -> [LoadLevel] {
        var rates: Int?
        var streams = LoadLevel.defaultSweepStreams
        var arrivals = given
        if node.scalar != nil {
            rates = Fields.int(node, key: "sweep", minimum: 1, diagnostics: diagnostics)
        } else if let fields = Fields(
            node, subject: "sweep", expected: "rates, streams, arrivals", known: ["rates", "streams", "arrivals"],
            diagnostics: diagnostics)
        {
            rates = fields.int("rates", minimum: 1, required: "how many rates between synchronous and saturation, e.g. rates: 3")
            streams = fields.int("streams", minimum: 2) ?? streams
            if fields.has("arrivals") { arrivals = self.arrivals(fields) }
        }
        guard let rates else { return [] }
        return LoadLevel.sweep(rates: rates, streams: streams, arrivals: arrivals)
    }

    /// `slo: {ttft: 1 s, itl: 200 ms, e2e: 10}`: seconds, or a number with s or ms.
    func serviceLevels(_ fields: Fields) -> ServiceLevels? {
        guard let node = fields.node("slo") else { return nil }
        guard
            let slo = Fields(
                node, subject: "slo", expected: "ttft, itl, e2e", known: ["ttft", "itl", "e2e"], diagnostics: diagnostics)
        else { return nil }
        let levels = ServiceLevels(ttft: seconds(slo, "ttft"), itl: seconds(slo, "itl"), e2e: seconds(slo, "e2e"))
        if levels.isEmpty, !["ttft", "itl", "e2e"].contains(where: slo.has) {
            diagnostics.error("'slo' names no objective; give ttft, itl or e2e, e.g. slo: {ttft: 1 s, itl: 200 ms}", at: node.mark)
        }
        return levels.isEmpty ? nil : levels
    }

    private func seconds(_ fields: Fields, _ key: String) -> Double? {
        guard let node = fields.node(key) else { return nil }
        let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
        var number = Substring(text)
        var scale = 1.0
        if number.hasSuffix("ms") {
            number = number.dropLast(2)
            scale = 1e-3
        } else if number.hasSuffix("s") {
            number = number.dropLast(1)
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0 else {
            diagnostics.error(
                "'\(key)' must be a time > 0: seconds (1.5), or with a unit (\"1 s\", \"200 ms\"), got \(node.describedValue)",
                at: node.mark)
            return nil
        }
        return value * scale
    }
}

extension LoadContext {
    /// A level with several requests in flight on an engine that takes one at a time would measure the
    /// harness's own queue, not the engine: an error naming the pair.
    func checkLoads(_ plan: Plan, workloads: [Located<Workload>]) {
        var reported: Set<String> = []
        // A cold start unloads the model before each request: only one request at a time can have it so.
        for configuration in plan.expand() where configuration.loadLevel != .synchronous && configuration.workload.start == .cold {
            guard reported.insert("cold/\(configuration.workload.name)").inserted else { continue }
            diagnostics.error(
                "workload '\(configuration.workload.name)' has start: cold and load levels other than synchronous; "
                    + "a cold start unloads the model before each request, which requests sent beside it would need: "
                    + "keep that workload's load synchronous, or start: warm",
                at: workloads.first { $0.value.name == configuration.workload.name }?.mark)
        }
        for configuration in plan.expand() where configuration.loadLevel.overlaps {
            guard let engine = catalog[configuration.engine.kind], let reason = engine.oneAtATime,
                reported.insert("\(configuration.engine.name)/\(configuration.workload.name)").inserted
            else { continue }
            diagnostics.error(
                "workload '\(configuration.workload.name)' has load levels with several requests in flight, but "
                    + "\(engine.displayName) engine '\(configuration.engine.name)' takes one at a time (\(reason)); "
                    + "exclude the pair, or keep that workload's load synchronous",
                at: workloads.first { $0.value.name == configuration.workload.name }?.mark)
        }
    }
}
