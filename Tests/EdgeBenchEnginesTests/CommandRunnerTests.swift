@testable import EdgeBenchEngines
import Foundation
import Testing

struct CommandRunnerTests {
    /// A child must get every signal even when the spawning thread blocks them, as the libdispatch
    /// thread did that built llama.cpp in `edgebench setup`: cmake (libuv) inherited the mask, never
    /// saw SIGCHLD, and waited forever for its own children.
    @Test func childrenStartWithNoSignalBlocked() throws {
        final class Outcome: @unchecked Sendable { var result: Result<String, any Error>? }
        let outcome = Outcome()
        let thread = Thread {
            var all = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_BLOCK, &all, nil)
            outcome.result = Result { try CommandRunner.run(["sh", "-c", "grep SigBlk /proc/self/status"]) }
        }
        thread.start()
        while outcome.result == nil { usleep(1_000) }
        let output = try #require(outcome.result).get()
        #expect(output.contains("SigBlk:\t0000000000000000"), "\(output)")
    }

    @Test func aFailingCommandReportsItsStatusAndOutput() throws {
        #expect {
            try CommandRunner.run(["sh", "-c", "echo compiler exploded; exit 3"])
        } throws: { error in
            String(describing: error) == "`sh -c echo compiler exploded; exit 3` failed with exit status 3:\ncompiler exploded\n"
        }
    }
}
