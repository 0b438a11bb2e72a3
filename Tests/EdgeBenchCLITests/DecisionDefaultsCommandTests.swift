import Foundation
import Testing

/// `analyze`, `recommend` and `report` with no options on the paper's four boards imported from the
/// harness's CSV (the layout of its Table 3: end-to-end tok/s, TTFT and a meter's watts, no decode rate,
/// no mass): each gives a front and a winner, and says which objectives it used and why.
@Suite(.serialized) struct DecisionDefaultsCommandTests {
    /// One model on the four boards. Volumes from the catalog: Pi 5 80.92 cm³, Pi 5 + AI HAT+ 2 95.2 cm³,
    /// Jetson 165.9 cm³, Module LLM 37.908 cm³; energy_per_token = W / tok/s.
    static let table3 = """
        model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
        qwen2.5:1.5b,CPU-Ollama,5,128,20.0,6.4,0.8,ok
        qwen2.5:1.5b,GPU-Hailo-Ollama,5,128,16.0,8.0,0.5,ok
        qwen2.5:1.5b,GPU-Ollama,5,128,5.82,22.0,0.3,ok
        qwen2.5:1.5b,AX630,5,128,37.21,3.44,1.05,ok

        """

    static let pi = "CPU-Ollama/qwen2.5:1.5b", hailo = "GPU-Hailo-Ollama/qwen2.5:1.5b"
    static let jetson = "GPU-Ollama/qwen2.5:1.5b", ax = "AX630/qwen2.5:1.5b"

    static func importTable3(in directory: URL) async throws -> String {
        _ = try Scratch.write(table3, named: "benchmark_results.csv", in: directory)
        let result = try await CLI.run(
            ["import", "paper-csv", "benchmark_results.csv",
             "--catalog-device", "CPU-Ollama=rpi5-8gb", "--catalog-device", "GPU-Hailo-Ollama=rpi5-8gb-ai-hat-plus-2",
             "--catalog-device", "GPU-Ollama=jetson-orin-nano-super", "--catalog-device", "AX630=m5stack-module-llm",
             "--power-watts", "CPU-Ollama=6.0", "--power-watts", "GPU-Hailo-Ollama=6.3",
             "--power-watts", "GPU-Ollama=12.0", "--power-watts", "AX630=1.5"], in: directory)
        try #require(result.status == 0, "\(result)")
        return try StoredRuns.runDirectory(result)
    }

    @Test func analyzeChoosesObjectivesFromTheDataAndGivesAFrontAndAFirstChoice() async throws {
        let directory = Scratch.directory("defaults")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Self.importTable3(in: directory)
        let result = try await CLI.run(["analyze"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Pareto front (e2e_throughput:max, energy_per_token:min, volume:min)\n"
            + "  [1] \(Self.pi)\n  [2] \(Self.hailo)\n  [3] \(Self.jetson)\n  [4] \(Self.ax)\n"), "\(result)")
        #expect(result.stdout.contains("  objectives chosen from the data (no --objectives given):\n"
            + "    e2e_throughput:max — in place of decode_rate, which 4 of 4 configurations lack"), "\(result)")
        #expect(result.stdout.contains("    energy_per_token:min — every configuration has power measured\n"), "\(result)")
        #expect(result.stdout.contains("    volume:min — every configuration's device has dimensions in the catalog or the plan\n"))
        // equal thirds: the Module LLM is the least energy and the smallest: (0 + 1 + 1) / 3
        #expect(result.stdout.contains("  first choice, the objectives weighed equally: [4] \(Self.ax) (score 0.667 of 1)"),
                "\(result)")
        // the four boards all have the paper's kit prices: one basis, named
        #expect(result.stdout.contains("throughput_per_dollar (tok/s/$, kit price as benchmarked)"), "\(result)")
        #expect(result.stdout.contains("  price basis: kit price as benchmarked (every compared device has a kit price "
            + "as benchmarked)"), "\(result)")

        let json = try await CLI.run(["analyze", "--json"], in: directory)
        let document = try json.jsonObject()
        #expect(document["pareto"] as? [String] == [Self.pi, Self.hailo, Self.jetson, Self.ax])
        #expect(document["objectives"] as? [String] == ["e2e_throughput:max", "energy_per_token:min", "volume:min"])
        #expect((document["objective_choice"] as? [String])?.count == 4)
        #expect(document["price_basis"] as? String == "kit")
        let balanced = try #require(document["balanced"] as? [String: Any])
        #expect((balanced["entries"] as? [[String: Any]])?.first?["id"] as? String == Self.ax)
    }

    /// Every preset gives a winner on the import: winner, runner-up, and the scores by hand.
    @Test(arguments: [
        // interactive: ttft 0.6, e2e_throughput (for decode_rate) 0.4, ≥ 5 tok/s drops the Module LLM.
        // Jetson 1; Hailo 0.6 × 0.6 + 0.4 × 1.6 / 15.6 = 0.401
        ("interactive", jetson, "1", hailo, "0.401"),
        // uav: mass left out, energy 0.4, volume 1/3, throughput 4/15: Module LLM 0.4 + 1/3 = 0.733;
        // Jetson 0.4 × 0.7818 + 4/15 = 0.579
        ("uav", ax, "0.733", jetson, "0.579"),
        // rugged-portable: battery_hours left out (no battery), mean_power 0.3 / 0.55, volume 0.25 / 0.55:
        // the Module LLM is best on both; Pi 5: power (12 − 6) / 10.5 × 0.545 + (165.9 − 80.92) / 128 × 0.455
        ("rugged-portable", ax, "1", pi, "0.613"),
    ])
    func recommendGivesAWinnerForEveryPreset(
        scenario: String, winner: String, winnerScore: String, runnerUp: String, runnerUpScore: String
    ) async throws {
        let directory = Scratch.directory("defaults")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Self.importTable3(in: directory)
        let result = try await CLI.run(["recommend", "--scenario", scenario], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\nwinner: \(winner) (score \(winnerScore))\n"), "\(result)")
        #expect(result.stdout.contains("\nrunner-up: \(runnerUp) (score \(runnerUpScore))\n"), "\(result)")
    }

    @Test func interactiveSaysWhatTheJetsonGivesUp() async throws {
        let directory = Scratch.directory("defaults")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Self.importTable3(in: directory)
        let result = try await CLI.run(["recommend", "--scenario", "interactive"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("weights: ttft 0.6 (min: "), "\(result)")
        #expect(result.stdout.contains("e2e_throughput 0.4 (max: "), "\(result)")
        #expect(result.stdout.contains("note: no configuration has decode_rate; e2e_throughput stands in for it (weight 0.4)\n"),
                "\(result)")
        #expect(result.stdout.contains("constraints: e2e_throughput >= 5 tok/s\n"), "\(result)")
        #expect(result.stdout.contains("What you give up against \(Self.hailo): 1.9× the mean power (12.0 vs 6.3 W, "
            + "not weighted) and 1.7× the volume (166 vs 95.2 cm³, not weighted)\n"), "\(result)")
        #expect(result.stdout.contains("excluded: \(Self.ax)"), "\(result)")
    }

    @Test func otGatewayRanksOnTheKitPrices() async throws {
        let directory = Scratch.directory("defaults")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Self.importTable3(in: directory)
        let result = try await CLI.run(["recommend", "--scenario", "ot-gateway"], in: directory)
        #expect(result.status == 0, "\(result)")
        // the fastest and the lowest TTFT; its cost per Mtok is the lowest too (the most tokens per kit dollar)
        #expect(result.stdout.contains("\nwinner: \(Self.jetson) (score 1)\n"), "\(result)")
        #expect(result.stdout.contains("What you give up against "), "\(result)")
    }

    @Test func reportGivesTheFrontAndAFirstChoice() async throws {
        let directory = Scratch.directory("defaults")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Self.importTable3(in: directory)
        let result = try await CLI.run(["report"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("No recommendation"), "\(result.stdout.prefix(2000))")
        #expect(result.stdout.contains("Objectives chosen from the data: e2e_throughput:max — in place of decode_rate"))
        for id in [Self.pi, Self.hailo, Self.jetson, Self.ax] {
            #expect(result.stdout.contains("\(id) is on the Pareto front: "), "\(id)")
        }
        #expect(result.stdout.contains("With the objectives weighed equally, deploy \(Self.ax) (score 0.67 of 1)."))
    }
}
