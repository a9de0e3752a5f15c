using System.Runtime.CompilerServices;

// The tests drive the width-generic loops directly at widths this machine does not accelerate (software
// Vector512), so the V512 code is checked even on AVX2-only hosts. Production code always goes through
// VectorWidths.Resolve and never does this.
[assembly: InternalsVisibleTo("TorchJit.Kernels.Tests")]
