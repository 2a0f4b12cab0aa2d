import Foundation
import Linalg

// Every product on one OpenBLAS kernel, whatever the CPU: the same bits on every machine.
ProductKernel.pinByReexecutingIfNeeded()
// Line-buffered stdout: `repro`'s report reaches a log file (CI, tee, nohup) as each stage
// ends, not when the process exits.
setvbuf(stdout, nil, _IOLBF, 0)
Toyworld.main()
