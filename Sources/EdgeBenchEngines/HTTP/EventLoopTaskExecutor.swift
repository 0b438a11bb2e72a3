import NIOCore

/// Runs Swift tasks on one NIO event loop. A generation's consumer that prefers it (`withTaskExecutorPreference`)
/// runs on the thread that reads the response: a token read by the loop resumes the consumer as the loop's
/// next job, instead of waking a thread of Swift's global pool (a futex wake and a context switch per read
/// on the board being measured, and the wake-up's latency in every TTFT and ITL stamp).
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
