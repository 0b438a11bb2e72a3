import EdgeBenchEngines
import Foundation
import Testing

@Suite("FileDigest (FIPS 180-4 vectors)")
struct FileDigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(FileDigest.sha256(of: input) == digest)
        #expect(FileDigest.sha256(of: Data(input.utf8)) == digest)
    }

    @Test func hashesAFileLargerThanOnePiece() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgebench-sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        // 5 MiB of 'a' spans two 4 MiB reads; digest from sha256sum.
        try Data(repeating: UInt8(ascii: "a"), count: 5 << 20).write(to: url)
        #expect(try FileDigest.sha256(of: url) == "a29968fad2e782aa9f2040a35f05adb97ed8979eb1f572c8c8ea78637e275f3c")
    }

    @Test func missingFileNamesThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/edgebench/model.gguf")
        #expect {
            try FileDigest.sha256(of: url)
        } throws: { error in
            "\(error)".hasPrefix("cannot hash '/nonexistent/edgebench/model.gguf': cannot open it")
        }
    }
}
