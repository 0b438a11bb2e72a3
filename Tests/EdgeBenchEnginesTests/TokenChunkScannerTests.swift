@testable import EdgeBenchEngines
import Foundation
import Testing

/// The fast path must read exactly what JSONDecoder reads, or decline.
struct TokenChunkScannerTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func readsARealLlamaServerTokenChunk() {
        // From llama.cpp-b11434 …/completion-stream.response.sse
        let chunk = bytes(#"{"index":0,"content":" the","tokens":[260],"stop":false,"id_slot":-1,"tokens_predicted":2,"tokens_evaluated":4}"#)
        #expect(TokenChunkScanner.contains(chunk, "\"stop\":false"))
        #expect(TokenChunkScanner.string(forKey: "content", in: chunk) == " the")
        #expect(TokenChunkScanner.numberArrayCount(forKey: "tokens", in: chunk) == 1)
        #expect(TokenChunkScanner.numberArrayCount(forKey: "tokens", in: bytes(#"{"tokens":[1, 22,-3]}"#)) == 3)
        #expect(TokenChunkScanner.numberArrayCount(forKey: "tokens", in: bytes(#"{"tokens":[]}"#)) == 0)
    }

    @Test func unescapesLikeJSONDecoder() throws {
        let samples = [#"a\"b\\c\/d\n\t\r"#, #"caf\u00e9 \ud83d\ude00"#, "plain café 😀", #"\u0000x"#]
        for sample in samples {
            let json = #"{"content":""# + sample + #""}"#
            struct Box: Decodable { var content: String }
            let expected = try JSONDecoder().decode(Box.self, from: Data(json.utf8)).content
            #expect(TokenChunkScanner.string(forKey: "content", in: bytes(json)) == expected, "\(sample)")
        }
    }

    @Test func declinesWhatItDoesNotUnderstand() {
        #expect(TokenChunkScanner.string(forKey: "content", in: bytes(#"{"content":null}"#)) == nil)
        #expect(TokenChunkScanner.isNull(forKey: "content", in: bytes(#"{"delta":{"role":"assistant","content":null}}"#)))
        #expect(TokenChunkScanner.string(forKey: "content", in: bytes(#"{"content":"\x"}"#)) == nil)
        #expect(TokenChunkScanner.string(forKey: "content", in: bytes(#"{"content":"\ud83d"}"#)) == nil)
        #expect(TokenChunkScanner.string(forKey: "content", in: bytes(#"{"content":"unterminated"#)) == nil)
        #expect(TokenChunkScanner.numberArrayCount(forKey: "tokens", in: bytes(#"{"tokens":["a"]}"#)) == nil)
    }

    @Test func keyPatternsDoNotMatchInsideStrings() {
        // Generated text that spells a key: its quotes are escaped, so it is not the key.
        let chunk = bytes(#"{"content":"say \"stop\":false and \"content\":\"x\"","stop":true}"#)
        #expect(!TokenChunkScanner.contains(chunk, "\"stop\":false"))
        #expect(TokenChunkScanner.contains(chunk, "\"stop\":true"))
        #expect(TokenChunkScanner.string(forKey: "content", in: chunk) == #"say "stop":false and "content":"x""#)
        // `"reasoning_content"` holds `content"` but is not the key `content`.
        #expect(TokenChunkScanner.string(forKey: "content", in: bytes(#"{"reasoning_content":"r","content":"c"}"#)) == "c")
    }
}
