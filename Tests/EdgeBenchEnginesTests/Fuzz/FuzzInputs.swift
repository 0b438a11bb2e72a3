import EdgeBenchTesting
import Foundation

/// Every capture under a fixtures folder whose name ends in one of `suffixes`, as fuzz inputs.
func fuzzInputs(under folder: String, endingIn suffixes: [String]) throws -> [Fuzz.Input] {
    let root = try Fixtures.url(folder)
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
    return try files.filter { url in suffixes.contains { url.lastPathComponent.hasSuffix($0) } }
        .map { Fuzz.Input(name: folder + $0.path.dropFirst(root.path.count), bytes: try Fixtures.bytes(folder + $0.path.dropFirst(root.path.count))) }
        .sorted { $0.name < $1.name }
}

/// A refusal that names Swift's or Foundation's internals instead of the input's problem is not clear.
func namesNoInternals(_ message: String) -> Bool {
    !message.isEmpty && !["Swift.", "DecodingError", "NSCocoaErrorDomain", "Foundation.", "EncodingError"].contains {
        message.contains($0)
    }
}
