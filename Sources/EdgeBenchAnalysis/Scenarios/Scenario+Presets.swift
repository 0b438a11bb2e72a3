import Foundation
import Yams

extension Scenario {
    /// The name errors use for the scenarios bundled with EdgeBench.
    public static let bundledFile = "scenarios.yaml"

    /// The built-in scenarios (`Resources/scenarios.yaml`), in the order they are listed to users. The
    /// file ships inside the binary's resource bundle and a test loads it, so a failure here is a broken
    /// build, not a user's mistake.
    public static let presets: [Scenario] = {
        do {
            return try bundled()
        } catch {
            preconditionFailure("\(bundledFile) does not load: \(error)")
        }
    }()

    public static var presetNames: [String] { presets.map(\.name) }

    /// The preset called `name` (case-insensitive); nil when there is none — list `presetNames` then.
    public static func named(_ name: String?) -> Scenario? {
        guard let name = name?.lowercased() else { return nil }
        return presets.first { $0.name == name }
    }

    public static var uav: Scenario { named("uav")! }
    public static var ruggedPortable: Scenario { named("rugged-portable")! }
    public static var otGateway: Scenario { named("ot-gateway")! }
    public static var interactive: Scenario { named("interactive")! }

    static func bundled() throws -> [Scenario] {
        guard let url = Bundle.module.url(forResource: "scenarios", withExtension: "yaml") else {
            throw ScenarioYAMLError(line: nil, field: nil,
                                    message: "\(bundledFile) not found among EdgeBenchAnalysis's resources; rebuild EdgeBench")
        }
        return try list(yaml: String(contentsOf: url, encoding: .utf8))
    }

    /// A file of the bundled format: `scenarios:` followed by a list of scenarios.
    static func list(yaml: String) throws(ScenarioYAMLError) -> [Scenario] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ScenarioYAMLError(line: nil, field: nil, message: "not valid YAML: \(error)")
        }
        guard let items = root?.mapping?["scenarios"]?.sequence else {
            throw ScenarioYAMLError(line: root?.mark?.line, field: "scenarios", message: "must be a list of scenarios")
        }
        var scenarios: [Scenario] = []
        for item in items {
            let scenario = try Scenario(node: item)
            guard !scenarios.contains(where: { $0.name == scenario.name }) else {
                throw ScenarioYAMLError(line: item.mark?.line, field: "name", message: "'\(scenario.name)' is listed twice")
            }
            scenarios.append(scenario)
        }
        return scenarios
    }
}
