import ArgumentParser
import EdgeBenchReports

extension Devices {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one device: every field with its unit and source, and why a missing one is missing.")

        @Argument(help: "The catalog id (see `edgebench devices list`).")
        var name: String

        @ArgumentParser.Flag(help: "Print the entry as JSON, in SI units.")
        var json = false

        func run() throws {
            let catalog = try Devices.loadCatalog()
            guard let device = catalog.device(id: name) ?? catalog.devices.first(where: { $0.name.lowercased() == name.lowercased() })
            else {
                let close = catalog.devices.map(\.id).filter { $0.contains(name.lowercased()) || name.lowercased().contains($0) }
                let hint = close.isEmpty ? "run `edgebench devices list` for the ids" : "did you mean \(close.joined(separator: ", "))?"
                Stderr.error("no device '\(name)' in the catalog; \(hint)")
                throw Exit.invalidInput
            }
            if json {
                try Devices.printJSON(device)
            } else {
                print(DeviceText.sheet(device, catalog: catalog))
            }
        }
    }
}
