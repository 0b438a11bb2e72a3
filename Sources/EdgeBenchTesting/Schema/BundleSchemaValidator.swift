import EdgeBenchCore
import Foundation

/// Validates JSON against `schema/bundle.schema.json` with Python's `jsonschema`, the reference
/// validator of JSON Schema 2020-12 (pip-installed when missing: tests set up what they need
/// instead of skipping), so the schema and the Swift encoding cannot drift apart.
public enum BundleSchemaValidator {
    public struct Outcome: Sendable {
        public var valid: Bool
        /// one line per violation, "json/path: message", then "valid" or "invalid"
        public var output: String
    }

    public struct SetupFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The repository root, from this file's place in `Sources/EdgeBenchTesting/Schema/`.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static var schemaURL: URL { repositoryRoot.appendingPathComponent("schema/bundle.schema.json") }

    static let script = """
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        instance = json.load(open(sys.argv[2], encoding="utf-8"))
        errors = sorted(Draft202012Validator(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
        for e in errors:
            print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        print("invalid" if errors else "valid")
        sys.exit(1 if errors else 0)
        """

    public static func validate(_ json: Data) throws -> Outcome {
        try validate(json, against: schemaURL)
    }

    /// Validates against another schema of `schema/` (`telemetry-log`, `energy`).
    public static func validate(_ json: Data, schema name: String) throws -> Outcome {
        try validate(json, against: repositoryRoot.appendingPathComponent("schema/\(name).schema.json"))
    }

    static func validate(_ json: Data, against schemaURL: URL) throws -> Outcome {
        try ensureJSONSchema()
        guard FileManager.default.fileExists(atPath: schemaURL.path) else {
            throw SetupFailure(description: "schema not found at \(schemaURL.path)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = directory.appendingPathComponent("bundle.json")
        try json.write(to: instance)
        let (status, output) = try python(["-c", script, schemaURL.path, instance.path])
        return Outcome(valid: status == 0, output: output)
    }

    static func ensureJSONSchema() throws {
        if try python(["-c", "import jsonschema"]).status == 0 { return }
        let install = try python(["-m", "pip", "install", "--quiet", "jsonschema"])
        guard install.status == 0, try python(["-c", "import jsonschema"]).status == 0 else {
            throw SetupFailure(description: "cannot install Python's jsonschema with pip: \(install.output)")
        }
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let data = try ChildProcess.startReadingOutput(of: process).readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
