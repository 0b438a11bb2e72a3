import Crypto
import EdgeBenchCore
import Foundation

/// SHA-256 through swift-crypto (BoringSSL's assembly, SHA-NI where the CPU has it): a model file of
/// several GB is hashed at the speed of `sha256sum`, not of hand-written Swift.
public enum FileDigest {
    /// Hashes a file in 4 MiB pieces, so a multi-gigabyte model never sits in memory.
    public static func sha256(of fileURL: URL) throws(FileDigestError) -> String {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: fileURL)
        } catch {
            throw FileDigestError(path: fileURL.path, reason: "cannot open it (\(error.localizedDescription))")
        }
        // Closing a file opened for reading cannot lose anything.
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let piece: Data?
            do {
                piece = try handle.read(upToCount: 4 << 20)
            } catch {
                throw FileDigestError(path: fileURL.path, reason: "read failed (\(error.localizedDescription))")
            }
            guard let piece, !piece.isEmpty else { break }
            hasher.update(data: piece)
        }
        return hex(hasher.finalize())
    }

    public static func sha256(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    public static func sha256(of text: String) -> String { sha256(of: Data(text.utf8)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.hexadecimal
    }
}

/// A file that could not be hashed: which one, why, and what to check.
public struct FileDigestError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot hash '\(path)': \(reason); check that the file exists and is readable" }
}
