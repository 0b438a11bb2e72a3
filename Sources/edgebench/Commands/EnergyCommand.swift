import ArgumentParser
import EdgeBenchCore
import EdgeBenchTelemetry
import Foundation

/// Energy over a window of a captured log, integrated as a run integrates it.
struct EnergyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "energy",
        abstract: "Energy, mean and peak power over a window of a captured power log.",
        discussion: """
            The power channel is the log's whole-device figure: Jetson VDD_IN (POM_5V_IN on JetPack 4, or the sum of rails where there is no input rail, said so), the Pi 5 PMIC estimate, a plug's meter. Trapezoids with the window's edges interpolated; nothing is extrapolated beyond the log.

            With --json: {"energy": J, "mean_power": W, "peak_power": W, "samples": n, "window": [from, to], "boundary", "rail", "estimate", "note"}.

            Example:
              edgebench energy --format tegrastats tegrastats.log --from 10 --to 70
            """)

    @OptionGroup var input: LogInput

    @Option(parsing: .unconditional, help: "Window start, s on the log's own time axis (default: its first reading).")
    var from: Double?

    @Option(parsing: .unconditional, help: "Window end, s on the log's own time axis (default: its last reading).")
    var to: Double?

    @ArgumentParser.Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        // One streamed pass keeps only the (t, W) of the channels that can be the power channel.
        var points = LogPowerPoints(channels: input.format.powerCandidates)
        let description = try input.read(into: &points)
        let result: LogEnergy
        do {
            let rail = description.powerChannel.flatMap { points.points[$0] } ?? []
            result = try LogEnergy.compute(rail, description: description, from: from, to: to)
        } catch {
            Stderr.error("\(input.file): \(error)")
            throw Exit.invalidInput
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(result) + Data("\n".utf8))
            return
        }
        print(LogSummaryText.render(result))
    }
}
