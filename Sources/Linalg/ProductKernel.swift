import CBLAS
import Foundation

/// Which OpenBLAS kernels compute toyworld's matrix products.
///
/// Debian's OpenBLAS is built for every x86-64 generation at once and picks its kernels for the
/// CPU it finds when it loads. Kernels round differently (measured: the same two training steps
/// give three different parameter digests under the Haswell, SkylakeX and Cooperlake kernels),
/// so without a fixed choice a run's bits would depend on the machine. toyworld therefore runs
/// every product on one kernel, `pinned`, which any x86-64 CPU with AVX2 and FMA executes: the
/// same OpenBLAS version then gives the same bits on all of them.
public enum ProductKernel {
    /// The kernel set every toyworld process uses where the CPU can run it.
    public static let pinned = "Haswell"
    /// OpenBLAS reads its kernel choice from this variable when it loads.
    static let variable = "OPENBLAS_CORETYPE"

    /// The library as it describes itself (version, build options, the kernel it runs), e.g.
    /// `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    public static var libraryDescription: String {
        String(cString: openblas_get_config()).trimmingCharacters(in: .whitespaces)
    }

    /// The kernel set the loaded library runs.
    public static var current: String { String(cString: openblas_get_corename()) }

    /// Makes this process run the pinned kernel: OpenBLAS chose its kernel before any Swift code
    /// ran, so when it chose another one the process executes itself again with
    /// `OPENBLAS_CORETYPE` set (the command line and environment otherwise unchanged). A
    /// non-empty choice already made in the environment is respected, as is a CPU without AVX2 and FMA (the
    /// provenance of every artifact records the kernel either way).
    public static func pinByReexecutingIfNeeded() {
        #if os(Linux) && arch(x86_64)
        let environment = ProcessInfo.processInfo.environment
        guard (environment[variable] ?? "").isEmpty, current.lowercased() != pinned.lowercased(), cpuRunsPinnedKernel() else { return }
        setenv(variable, pinned, 1)
        let arguments = CommandLine.unsafeArgv
        execv("/proc/self/exe", arguments)
        // Only reached when exec failed: carry on with the kernel OpenBLAS chose.
        unsetenv(variable)
        #endif
    }

    private static func cpuRunsPinnedKernel() -> Bool {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let present = Set(flags.split(separator: " ").map(String.init))
        return present.isSuperset(of: ["avx2", "fma"])
    }
}
