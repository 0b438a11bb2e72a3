import Foundation
import Testing

/// `edgebench plan check|expand`: a good plan's configurations on stdout, a bad one's mistakes as
/// FILE:LINE:COLUMN on stderr with exit 2.
@Suite(.serialized) struct PlanCommandTests {
    static let good = """
        name: cli
        repetitions: 3
        warmup: 1
        engines:
          - name: local
            kind: llamacpp
            url: http://127.0.0.1:8080
        models:
          - name: tiny
        workloads:
          - name: short
            prompt: "Say hi."
            max_tokens: 16
          - name: long
            prompt: "Say more."
            max_tokens: 128
            api: completion

        """

    static let bad = """
        name: cli
        repetitions: many
        engines:
          - name: local
            kind: llamacpp
            url: http://127.0.0.1:8080
        models:
          - name: tiny
        workloads:
          - name: short
            prompt: "Say hi."

        """

    @Test func checkAcceptsAGoodPlan() async throws {
        let directory = Scratch.directory("plan")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write(Self.good, named: "plan.yaml", in: directory)
        let result = try await CLI.run(["plan", "check", "plan.yaml"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "plan.yaml: ok — 2 configuration(s)\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func checkReportsABadPlanAsFileLineColumnAndExits2() async throws {
        let directory = Scratch.directory("plan")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write(Self.bad, named: "bad.yaml", in: directory)
        let result = try await CLI.run(["plan", "check", "bad.yaml"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("bad.yaml:2:14: error:"), "\(result)")
        #expect(result.stderr.contains("repetitions"), "\(result)")
    }

    @Test func checkOfAMissingFileExits2() async throws {
        let result = try await CLI.run(["plan", "check", "no-such-plan.yaml"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no-such-plan.yaml"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func expandListsEveryConfigurationWithItsSettings() async throws {
        let directory = Scratch.directory("plan")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write(Self.good, named: "plan.yaml", in: directory)
        let result = try await CLI.run(["plan", "expand", "plan.yaml"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            local/tiny/short\tllamacpp\tchat\tmax_tokens=16\trepetitions=3\twarmup=1
            local/tiny/long\tllamacpp\tcompletion\tmax_tokens=128\trepetitions=3\twarmup=1

            """, "\(result)")
    }

    @Test func expandOfABadPlanExits2() async throws {
        let directory = Scratch.directory("plan")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write(Self.bad, named: "bad.yaml", in: directory)
        let result = try await CLI.run(["plan", "expand", "bad.yaml"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("bad.yaml:2:14: error:"), "\(result)")
    }
}
