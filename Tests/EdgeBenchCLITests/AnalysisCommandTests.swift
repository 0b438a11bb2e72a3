import Foundation
import Testing

/// `edgebench analyze`, `recommend` and `report` on a run the binary imported.
@Suite(.serialized) struct AnalysisCommandTests {
    @Test func analyzeJSONHoldsDerivedMetricsAndTheParetoFront() async throws {
        let directory = Scratch.directory("analyze")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.paperRun(in: directory)
        let result = try await CLI.run(["analyze", run, "--json"], in: directory)
        #expect(result.status == 0, "\(result)")
        let analysis = try result.jsonObject()
        for key in ["configurations", "failed", "pareto", "dominated", "not_compared", "accelerator_gains", "ranking", "parameters", "notes"] {
            #expect(analysis.keys.contains(key), "analysis has \(key)")
        }
        let configurations = try #require(analysis["configurations"] as? [[String: Any]])
        #expect(configurations.map { $0["id"] as? String } == ["AX630/qwen2.5:1.5b", "CPU-Ollama/qwen2.5:1.5b"])
        let ax = try #require(configurations.first)
        #expect(ax["device"] as? String == "m5stack-module-llm")
        let metrics = try #require(ax["metrics"] as? [String: Any])
        // 3.44 tok/s over the catalog's $99.90
        let perDollar = try #require(metrics["throughput_per_dollar"] as? Double)
        #expect(abs(perDollar - 3.44 / 99.9) < 1e-9, "\(metrics)")
        #expect(analysis["ranking"] is NSNull, "no scenario asked for")
    }

    @Test func analyzeWithoutJSONPrintsTables() async throws {
        let directory = Scratch.directory("analyze")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await StoredRuns.paperRun(in: directory)
        // No RUN: the newest run under edgebench-results/.
        let result = try await CLI.run(["analyze", "--scenario", "interactive"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("AX630/qwen2.5:1.5b"), "\(result)")
        #expect(result.stdout.contains("CPU-Ollama/qwen2.5:1.5b"), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test(arguments: [
        (["analyze"], "no run found under edgebench-results/"),
        (["analyze", "no-such-run"], "no-such-run does not exist"),
        (["analyze", "--db", "missing.sqlite"], "no results database at missing.sqlite"),
        (["analyze", "--scenario", "moon-base"], "--scenario moon-base: no such preset"),
        (["analyze", "--objectives", "decode_rate:sideways"], "decode_rate:sideways"),
        (["recommend", "--scenario", "moon-base"], "--scenario moon-base: no such preset"),
        (["report"], "no run found under edgebench-results/"),
    ])
    func badInputExits2(arguments: [String], message: String) async throws {
        let directory = Scratch.directory("analyze")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(arguments, in: directory)
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stderr.contains(message), "\(arguments): \(result)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result)")
    }

    @Test func recommendNamesTheWinnerAndTheRunnerUp() async throws {
        let directory = Scratch.directory("recommend")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.paperRun(in: directory)
        // The paper's CSV has no decode rate, so the presets' decode constraints exclude both: a
        // scenario of what it does have. AX630 wins on energy (1.5 W / 3.44 tok/s against 6 W / 6.4 tok/s).
        _ = try Scratch.write("""
            name: frugal
            weights:
              energy_per_token: 0.7
              e2e_throughput: {weight: 0.3, direction: max}

            """, named: "frugal.yaml", in: directory)
        let result = try await CLI.run(["recommend", "--scenario", "frugal.yaml", run], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\nwinner: AX630/qwen2.5:1.5b (score 0.7)\n"), "\(result)")
        #expect(result.stdout.contains("\nrunner-up: CPU-Ollama/qwen2.5:1.5b (score 0.3)\n"), "\(result)")
    }

    /// A constraint nothing meets: no winner, exit 1.
    @Test func recommendWithNothingQualifyingExits1() async throws {
        let directory = Scratch.directory("recommend")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.paperRun(in: directory)
        _ = try Scratch.write("""
            name: impossible
            weights:
              e2e_throughput: 1
            constraints: ["mean_power <= 0.001 W"]

            """, named: "impossible.yaml", in: directory)
        let result = try await CLI.run(["recommend", "--scenario", "impossible.yaml", run], in: directory)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("no configuration qualifies:"), "\(result)")
    }

    @Test(arguments: ["html", "md", "csv", "json"])
    func reportInEveryFormat(format: String) async throws {
        let directory = Scratch.directory("report")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.paperRun(in: directory)
        let result = try await CLI.run(["report", run, "--format", format], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        switch format {
        case "html":
            #expect(result.stdout.lowercased().hasPrefix("<!doctype html>"), "\(result.stdout.prefix(200))")
            #expect(result.stdout.contains("AX630/qwen2.5:1.5b"))
            #expect(!result.stdout.contains("<script"))
        case "md":
            #expect(result.stdout.contains("| "), "\(result.stdout.prefix(400))")
            #expect(result.stdout.contains("AX630/qwen2.5:1.5b"))
        case "csv":
            let lines = result.stdout.split(whereSeparator: \.isNewline)
            #expect(lines.first == "configuration,model,setup,device,metric,unit,value,stddev,n,cv,pareto,flags,not_available")
            #expect(lines.dropFirst().contains { $0.contains("AX630/qwen2.5:1.5b") && $0.contains("e2e_throughput") && $0.contains("3.44") },
                    "\(result.stdout.prefix(600))")
        default:
            let analyze = try await CLI.run(["analyze", run, "--json"], in: directory)
            #expect(result.stdout == analyze.stdout, "report --format json is analyze --json")
        }
    }

    @Test func reportToAFile() async throws {
        let directory = Scratch.directory("report")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.paperRun(in: directory)
        let result = try await CLI.run(["report", run, "--out", "report.html"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "wrote report.html\n")
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("AX630/qwen2.5:1.5b"))
    }

    @Test func reportToAnUnwritablePathExits4() async throws {
        let directory = Scratch.directory("report")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.paperRun(in: directory)
        let result = try await CLI.run(["report", run, "--out", "no-such-folder/report.html"], in: directory)
        #expect(result.status == 4, "\(result)")
        #expect(result.stderr.contains("cannot write the report to no-such-folder/report.html"), "\(result)")
    }
}
