import ArgumentParser

/// `edgebench plan check|expand`.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check a plan or list the configurations it expands into.",
        subcommands: [Check.self, Expand.self])
}
