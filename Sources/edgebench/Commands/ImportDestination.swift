import ArgumentParser

/// Where an import that creates a run stores it, and whether stdout gets the bundle.
struct ImportDestination: ParsableArguments {
    @Option(help: "Folder for run directories.")
    var output = "edgebench-results"

    @Option(help: "SQLite results database (default: <output>/edgebench.sqlite).")
    var db: String?

    @ArgumentParser.Flag(help: "Print the result bundle (JSON) to stdout and nothing else there.")
    var json = false
}
