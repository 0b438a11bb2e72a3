import ArgumentParser
import EdgeBenchTelemetry
import Foundation

struct Sensors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the power, thermal, clock and memory sensors EdgeBench can read on this machine.",
        discussion: "A sensor that is missing is reported as missing, never as zero.")

    @ArgumentParser.Flag(help: "Print the inventory as JSON.")
    var json = false

    @Option(help: "Read sysfs/procfs under this root instead of / (for inspecting a copied tree).")
    var root = "/"

    func run() throws {
        let inventory = SensorInventory.scan(root: root)
        if json {
            FileHandle.standardOutput.write(inventory.json() + Data("\n".utf8))
        } else {
            print(inventory.render())
        }
    }
}
