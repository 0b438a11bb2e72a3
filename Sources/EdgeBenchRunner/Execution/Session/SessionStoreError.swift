/// A write the store refused: the configuration fails with it (what was measured but not kept is lost).
struct SessionStoreError: Error, CustomStringConvertible {
    var what: String
    var underlying: any Error

    /// Runs a store write; its failure becomes this error naming what was not stored, so the
    /// configuration's error says it was the store, not the engine.
    static func wrapping(_ what: String, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch {
            throw SessionStoreError(what: what, underlying: error)
        }
    }

    var description: String {
        "could not store \(what): \(underlying); check that the database's disk has space and is writable, "
            + "then continue with --resume"
    }
}
