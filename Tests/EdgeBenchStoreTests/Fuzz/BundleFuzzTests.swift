import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchStore

/// A real run's bundle.json, mutated: `BundleReader` reads it or refuses it with FILE:LINE:COL (or the
/// file and the field), never a crash.
@Suite struct BundleFuzzTests {
    @Test func mutatedBundlesReadOrAreRefusedWithTheFile() throws {
        let original = try Fixtures.bytes("store/v3-run-testserver.bundle.json")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("bundle.json")
        let outcome = Fuzz.run([Fuzz.Input(name: url.path, bytes: original)], count: 2000, seed: 13_10_6) { message, input in
            message.hasPrefix(input.name + ":") && !message.contains("Swift.") && !message.contains("DecodingError")
        } parse: { bytes, _ in
            try Data(bytes).write(to: url)
            let reader = try BundleReader(url: url)
            for index in reader.header.configurations.indices {
                try reader.forEachRequest(configuration: index) { _ in }
            }
        }
        #expect(outcome.accepted > 200)
        #expect(outcome.refused > 200)
        #expect(outcome.unclear == [])
    }
}
