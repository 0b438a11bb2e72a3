import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchStore

/// A workload's `start` (issue 15) is written only when cold: bundles and run.json files from before the key
/// read as warm, and a warm workload is written as it was.
@Suite struct WorkloadStartCodingTests {
    @Test func aBundleFromBeforeTheKeyReadsAsWarm() throws {
        let data = try Data(contentsOf: try Fixtures.url("store/v3-run-testserver.bundle.json"))
        #expect(!String(decoding: data, as: UTF8.self).contains(#""start""#))
        let bundle = try BundleFile.read(from: try Fixtures.url("store/v3-run-testserver.bundle.json"))
        #expect(bundle.configurations.map(\.workload.start) == [.warm])
        // written again (as bundles and run.json's configurations are), it is what it was: no `start`
        let workload = try #require(bundle.configurations.first?.workload)
        let written = try JSONEncoder().encode(workload)
        #expect(!String(decoding: written, as: UTF8.self).contains("start"))
        #expect(try JSONDecoder().decode(Workload.self, from: written) == workload)
    }

    @Test func onlyAColdWorkloadWritesStart() throws {
        let request = GenerationRequest(prompt: "Hi", maxTokens: 8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let warm = String(decoding: try encoder.encode(Workload(name: "w", request: request)), as: UTF8.self)
        #expect(!warm.contains("start"))
        let cold = Workload(name: "w", request: request, start: .cold)
        let text = String(decoding: try encoder.encode(cold), as: UTF8.self)
        #expect(text.hasSuffix(#""start":"cold"}"#))
        #expect(try JSONDecoder().decode(Workload.self, from: Data(text.utf8)) == cold)
        let unknown = Data(text.replacingOccurrences(of: #""start":"cold""#, with: #""start":"tepid""#).utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Workload.self, from: unknown) }
    }
}
