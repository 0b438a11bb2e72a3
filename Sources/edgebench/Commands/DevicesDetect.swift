import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchTelemetry

extension Devices {
    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Identify this board from the device tree, L4T, nvpmodel, DMI, cpuinfo and the accelerators present.")

        @ArgumentParser.Flag(help: "Print what was read and the match as JSON.")
        var json = false

        @Option(help: "Read under this root instead of / (for inspecting a copied tree).")
        var root = "/"

        struct Report: Encodable {
            var root: String
            var identity: BoardIdentity
            var match: DeviceMatch
        }

        func run() throws {
            let catalog = try Devices.loadCatalog()
            let identity = BoardIdentity.read(root: root)
            let match = DeviceMatcher(catalog: catalog).match(identity)
            if json {
                try Devices.printJSON(Report(root: root, identity: identity, match: match))
            } else {
                print(DeviceText.detection(identity, match: match, root: root, catalog: catalog))
            }
        }
    }
}
