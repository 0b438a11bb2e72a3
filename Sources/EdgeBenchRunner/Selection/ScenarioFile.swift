import EdgeBenchAnalysis
import Foundation

/// A scenario as the command line names it: a preset, else a scenario YAML file.
public enum ScenarioFile {
    public static func load(_ text: String) throws -> Scenario {
        if let preset = Scenario.named(text) { return preset }
        guard FileManager.default.fileExists(atPath: text) else {
            throw RunSelectionError(
                "--scenario \(text): no such preset (\(Scenario.presetNames.joined(separator: ", "))) and no such file")
        }
        let yaml: String
        do {
            yaml = try String(contentsOfFile: text, encoding: .utf8)
        } catch {
            throw RunSelectionError("cannot read scenario file \(text): \((error as NSError).localizedDescription)")
        }
        do {
            return try Scenario(yaml: yaml)
        } catch {
            throw RunSelectionError("\(text): \(error.description)")
        }
    }
}
