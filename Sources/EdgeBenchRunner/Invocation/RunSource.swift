/// Where a run's configurations come from: exactly one of a stored run to continue, a plan file, or
/// the one-off flags.
public enum RunSource: Sendable {
    case resume(directory: String)
    case planFile(String)
    case oneOff(RunPlan)

    /// The command line's choice. The one-off plan is built only when it is the choice, so a missing
    /// --url is not reported for a run that gives a plan.
    public static func choose(
        planFile: String?, resume: String?, engineGiven: Bool, oneOff: () throws -> RunPlan
    ) throws -> RunSource {
        if let resume {
            guard planFile == nil else {
                throw RunSetupError("--resume continues an existing run; do not pass a plan file too")
            }
            return .resume(directory: resume)
        }
        if let planFile {
            guard !engineGiven else { throw RunSetupError("give either a plan file or --engine, not both") }
            return .planFile(planFile)
        }
        return .oneOff(try oneOff())
    }
}

/// A run asked for in a way that cannot start; the message says what to change.
public struct RunSetupError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
