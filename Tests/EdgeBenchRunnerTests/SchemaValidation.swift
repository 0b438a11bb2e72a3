import Foundation

/// Validates JSON against the repository's JSON Schema with Python's `jsonschema`, the reference
/// validator (installed on demand: the test sets up what it needs instead of skipping).
enum SchemaValidation {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Returns nil when valid, else the validator's message.
    static func validate(_ json: Data, schema: String = "schema/bundle.schema.json") throws -> String? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let instance = dir.appendingPathComponent("instance.json")
        try json.write(to: instance)
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                import subprocess
                subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q', 'jsonschema'])
                import jsonschema
            schema = json.load(open(sys.argv[1]))
            instance = json.load(open(sys.argv[2]))
            errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(instance), key=lambda e: list(e.path))
            for e in errors[:5]:
                print('/'.join(str(p) for p in e.path) + ': ' + e.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, repositoryRoot.appendingPathComponent(schema).path, instance.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: output, as: UTF8.self)
    }
}
