import Crypto
import EdgeBenchCore
import Foundation

/// A plan is identified by the SHA-256 of its bytes (swift-crypto).
enum PlanDigest {
    static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).hexadecimal
    }

    static func sha256(of text: String) -> String { sha256(of: Data(text.utf8)) }
}
