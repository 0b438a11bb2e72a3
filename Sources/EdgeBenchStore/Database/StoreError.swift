import Foundation

/// A results-database failure, worded for the person at the terminal: what, where, what to do.
public struct StoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
    public var errorDescription: String? { message }

    static func cannotOpen(_ path: String, reason: String) -> StoreError {
        StoreError(message: "cannot open results database at \(path): \(reason); pass --db to choose another path")
    }

    static func unknownRun(_ runID: String, path: String) -> StoreError {
        StoreError(message: "no run \"\(runID)\" in the results database at \(path); list the stored runs to pick an existing id")
    }

    static func unknownConfiguration(_ configurationID: String, runID: String, path: String) -> StoreError {
        StoreError(
            message: "no configuration \"\(configurationID)\" in run \"\(runID)\" of the results database at \(path); "
                + "call beginConfiguration before recording its requests")
    }

    static func corrupt(_ what: String, path: String, error: any Error) -> StoreError {
        StoreError(
            message: "the results database at \(path) holds unreadable \(what): \(error); "
                + "it was written by another EdgeBench version or edited by hand")
    }
}
