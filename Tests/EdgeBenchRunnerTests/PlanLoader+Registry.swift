import EdgeBenchEngines
import EdgeBenchPlans
import Foundation

/// The tests load plans against the kinds this build registers, as the CLI does.
extension PlanLoader {
    static func load(path: String) throws -> Plan {
        try load(path: path, engines: EngineRegistry.catalog)
    }

    static func parse(_ text: String, file: String, baseDirectory: URL?) throws -> Plan {
        try parse(text, file: file, baseDirectory: baseDirectory, engines: EngineRegistry.catalog)
    }
}
