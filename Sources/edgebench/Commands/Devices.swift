import ArgumentParser
import EdgeBenchAnalysis
import Foundation

/// The device catalog and board detection: `edgebench devices list|show|detect`.
struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The device catalog (size, mass, price, memory, accelerator, power) and board detection.",
        discussion: """
            Every catalog value has a source URL; a value no source gives is shown as "— (why)", never guessed.
            A plan can override or add any field (devices: in the plan).

            Examples:
              edgebench devices list
              edgebench devices show rpi5-8gb-ai-hat-plus-2
              edgebench devices detect --json
            """,
        subcommands: [List.self, Show.self, Detect.self])

    static func loadCatalog() throws -> DeviceCatalog {
        do {
            return try DeviceCatalog.bundled()
        } catch {
            Stderr.error("the device catalog did not load: \(error)")
            throw Exit.setupFailed
        }
    }

    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }
}
