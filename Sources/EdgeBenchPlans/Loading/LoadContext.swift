import EdgeBenchCore
import Foundation
import Yams

/// One plan load: the diagnostics being collected and where relative paths start.
struct LoadContext {
    let diagnostics: Diagnostics
    /// the kinds that exist and what each honours
    let catalog: EngineCatalog
    let baseDirectory: URL

    func plan(_ root: Node, text: String, file: String) -> Plan? {
        guard
            let fields = Fields(
                root, subject: "the plan", expected: PlanLoader.topLevelKeys.joined(separator: ", "),
                known: PlanLoader.topLevelKeys, diagnostics: diagnostics)
        else { return nil }

        let fileStem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let name = fields.string("name") ?? fileStem
        let description = fields.string("description")
        let repetitions = fields.int("repetitions", minimum: 1) ?? PlanLoader.defaultRepetitions
        let warmup = fields.int("warmup", minimum: 0) ?? PlanLoader.defaultWarmup

        let engineNodes = fields.list("engines", required: "the servers to measure, e.g. '- {name: local, kind: managed}'")
        let engines = named(engineNodes, what: "engine", read: engine)
        let models = named(
            fields.list("models", required: "e.g. '- {name: smollm2, file: smollm2-135m}'"), what: "model",
            read: model)
        let workloadNodes = fields.list("workloads", required: "e.g. '- {name: short, prompt: \"Hello\", max_tokens: 64}'")
        let loadedWorkloads = named(workloadNodes, what: "workload", read: workload)
        let workloads = loadedWorkloads.map { Located(value: $0.value.workload, mark: $0.mark) }
        let promptLengths = loadedWorkloads.reduce(into: [String: [Int]]()) { lengths, loaded in
            guard let written = loaded.value.promptLengths, written.isList else { return }
            lengths[loaded.value.workload.name] = written.values.map(\.value)
        }

        let names = DefinedNames(
            engines: engines.map(\.value.name), models: models.map(\.value.name),
            workloads: workloads.map(\.value.name))
        let matrix = fields.node("matrix").flatMap { readMatrix($0, names: names) } ?? PlanMatrix()
        let excludes = (fields.list("exclude") ?? []).compactMap { readExclusion($0, names: names) }
        let devices = fields.node("devices").map(readDevices) ?? []
        let engineDevices = readEngineDevices(engineNodes ?? [])
        let enginePower = readEnginePower(engineNodes ?? [])
        let analysis = fields.node("analysis").flatMap(readAnalysis)
        var power = readPower(fields)
        power.engines = enginePower

        guard diagnostics.errors.isEmpty else { return nil }
        let plan = Plan(
            name: name, description: description, repetitions: repetitions, warmup: warmup,
            engines: engines.map(\.value), models: models.map(\.value), workloads: workloads.map(\.value),
            promptLengths: promptLengths, matrix: matrix, excludes: excludes.map(\.value), devices: devices,
            engineDevices: engineDevices, analysis: analysis, power: power, sourceText: text, hash: PlanDigest.sha256(of: text),
            path: file, engineCatalog: catalog)
        checkCombinations(plan, engines: engines, models: models, root: fields)
        checkLoads(plan, workloads: workloads)
        checkColdStarts(plan, workloadNodes: workloadNodes ?? [])
        checkPromptLengths(plan, workloads: loadedWorkloads)
        if diagnostics.errors.isEmpty, plan.expand().isEmpty {
            let mark = excludes.first?.mark ?? fields.keyMark("matrix")
            diagnostics.error(
                "every configuration is excluded, so nothing would run; remove an 'exclude' entry or widen the 'matrix'",
                at: mark)
        }
        return plan
    }

    /// engine name → its `device:`, for engines that name one (type errors were reported by `engine`).
    func readEngineDevices(_ nodes: [Node]) -> [String: String] {
        var result: [String: String] = [:]
        for node in nodes {
            guard let mapping = node.mapping, let name = mapping["name"]?.scalar?.string,
                let device = mapping["device"]?.scalar?.string, !(mapping["device"]?.isNull ?? true)
            else { continue }
            result[name] = device
        }
        return result
    }

    /// engine name → its own `power:` sources (a meter per board: the methodology's boards each had theirs).
    func readEnginePower(_ nodes: [Node]) -> [String: [PowerSourceSpec]] {
        var result: [String: [PowerSourceSpec]] = [:]
        for node in nodes {
            guard let mapping = node.mapping, let name = mapping["name"]?.scalar?.string,
                let list = mapping["power"]
            else { continue }
            guard let items = list.sequence else {
                diagnostics.error(
                    "'power' of engine '\(name)' must be a list of sources, e.g. power: [{manual: 6.4, boundary: wall_ac}]",
                    at: list.mark)
                continue
            }
            result[name] = items.enumerated().compactMap { readPowerSource($0.element, index: $0.offset) }
        }
        return result
    }

    /// Reads each item of a list of named things, reporting duplicate names and names unfit for ids.
    func named<T>(_ nodes: [Node]?, what: String, read: (Node, Int) -> (T, String)?) -> [Located<T>] {
        var result: [Located<T>] = []
        var seen: [String: Mark?] = [:]
        for (index, node) in (nodes ?? []).enumerated() {
            guard let (value, name) = read(node, index) else { continue }
            if let first = seen[name] {
                let at = first.map { " (first at line \($0.line))" } ?? ""
                diagnostics.error(
                    "duplicate \(what) name '\(name)'\(at); give each \(what) its own name", at: nameMark(node))
                continue
            }
            seen[name] = node.mark
            result.append(Located(value: value, mark: node.mark))
        }
        return result
    }

    /// How messages name a list item: by its name when it has one, else by position ("engine #2").
    func subject(_ node: Node, what: String, index: Int) -> String {
        if let name = node.mapping?["name"]?.scalar?.string, !name.isEmpty { return "\(what) '\(name)'" }
        return "\(what) #\(index + 1)"
    }

    func nameMark(_ node: Node) -> Mark? { node.mapping?["name"]?.mark ?? node.mark }

    /// Names become parts of configuration ids (`engine/model/workload`), so they stay path- and shell-safe.
    func checkName(_ name: String, what: String, at mark: Mark?) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.allSatisfy(allowed.contains) else {
            diagnostics.error(
                "\(what) name '\(name)' may contain only letters, digits, '.', '-' and '_' (it becomes part of configuration ids)",
                at: mark)
            return false
        }
        return true
    }

    /// The `name` of a list item, required; the item's subject for messages.
    func itemName(_ fields: Fields, what: String, index: Int, example: String) -> String? {
        guard let name = fields.string("name", required: "a short unique name, e.g. name: \(example)") else {
            return nil
        }
        return checkName(name, what: what, at: fields.node("name")?.mark) ? name : nil
    }
}

struct Located<T> {
    var value: T
    var mark: Mark?
}

struct DefinedNames {
    var engines: [String]
    var models: [String]
    var workloads: [String]
}
