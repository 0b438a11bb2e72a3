import EdgeBenchCore
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// A workload's `prompt_tokens` and built prompt in bundles (issue 15): written only when set, read back
/// as written, and absent from bundles written before them.
@Suite(.serialized) struct PromptTokensBundleTests {
    static let built = Workload(
        name: "long-p512", request: GenerationRequest(prompt: "A pumping station … one sentence.", api: .completion, maxTokens: 16),
        promptTokens: 512, promptInstruction: PromptFiller.defaultInstruction,
        builtPrompt: BuiltPrompt(method: .tokenizer, achieved: 513, textTokens: 512, probes: 1))

    /// The v3 bundle a real run wrote before prompt_tokens existed.
    @Test func anOlderBundleReadsWithItsPromptsAsWritten() throws {
        let bundle = try BundleFile.read(from: try Fixtures.url("store/v3-run-testserver.bundle.json"))
        #expect(!bundle.configurations.isEmpty)
        #expect(bundle.configurations.allSatisfy {
            $0.workload.promptTokens == nil && $0.workload.promptInstruction == nil && $0.workload.builtPrompt == nil
        })
    }

    @Test func aBuiltPromptRoundTripsUnderItsOwnKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(Self.built), as: UTF8.self)
        #expect(json.contains(#""built_prompt":{"achieved":513,"method":"tokenizer","probes":1,"text_tokens":512}"#))
        #expect(json.contains(#""prompt_tokens":512"#))
        #expect(json.contains(#""prompt_instruction":"Summarise the text above in one sentence.""#))
        #expect(try JSONDecoder().decode(Workload.self, from: Data(json.utf8)) == Self.built)
        // a workload without a length writes none of the keys: what older readers see is unchanged
        let plain = String(decoding: try encoder.encode(Workload(name: "short", request: GenerationRequest(prompt: "Hi", maxTokens: 8))), as: UTF8.self)
        #expect(!plain.contains("prompt_tokens") && !plain.contains("built_prompt") && !plain.contains("prompt_instruction"))
    }

    @Test func aBundleWithABuiltPromptIsValidAgainstTheSchema() throws {
        var bundle = SampleBundle.bundle
        bundle.configurations[0].workload = Self.built
        // a calibrated prompt has no tokenizer count
        var calibrated = Self.built
        calibrated.builtPrompt = BuiltPrompt(method: .calibrated, achieved: 498, probes: 4)
        bundle.configurations[1].workload = calibrated
        let result = try BundleSchemaValidator.validate(try BundleCodec.encode(bundle))
        #expect(result.valid, "\(result.output)")
    }
}
