import ArgumentParser
import EdgeBenchReports

extension Devices {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the catalog's devices.")

        @ArgumentParser.Flag(help: "Print every entry as JSON, in SI units (m, kg, B, B/s, ops/s, W, J).")
        var json = false

        func run() throws {
            let catalog = try Devices.loadCatalog()
            if json {
                try Devices.printJSON(catalog.devices)
                return
            }
            print(DeviceText.catalogTable(catalog))
        }
    }
}
