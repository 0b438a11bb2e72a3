import ArgumentParser

@main
struct EdgeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgebench",
        abstract: "Measure LLM inference on edge hardware, and keep every number reproducible.",
        discussion: """
            Quick start:
              edgebench run                  this machine, embedded llama.cpp + SmolLM2
              edgebench run plan.yaml        a plan: engines × models × workloads
              edgebench run --engine openai --url http://HOST:8080/v1 --json

            Every metric is a METRICS.md id with its SI unit (ttft in s, decode_rate in tok/s, …).

            EXIT CODES
              0    every configuration completed
              1    a configuration failed (the others ran; results are stored)
              2    the plan or the options are invalid (nothing ran)
              3    setup: the embedded engine or a model could not be prepared
              4    results could not be stored or written
              64   usage error (unknown option, bad value)
              75   the run directory is in use by another edgebench (nothing ran); retry when it ends
              129  hung up (SIGHUP); as 130
              130  interrupted (Ctrl-C): what finished is stored, the bundle written; continue with --resume DIR
              143  terminated (SIGTERM); as 130
            """,
        version: "0.1.0",
        subcommands: [Run.self, Setup.self, PlanCommand.self, Sensors.self, Import.self, TelemetryCommand.self, EnergyCommand.self, Devices.self, Analyze.self, Recommend.self, Compare.self, Report.self],
        defaultSubcommand: Run.self)

    static func main() async {
        MemoryPolicy.apply()
        await main(nil)
    }
}
