using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace TorchJit.Kernels;

// Note [Sgemm prefetch]: two operands reach the micro-kernel from beyond L2, and the driver asks for both
// one micro-kernel call (a k block of FMAs, ~2000 cycles) ahead:
//   C: each call starts by loading a fresh 6-row tile of C (the chain continues from it), usually not in L1,
//      and at a power-of-two row stride all six rows compete for one L1 set. The next row tile's lines are
//      prefetched before each call: 69% -> 79% of peak at 1024^3 on Zen 3.
//   B: the KC x NC block of packed B does not fit in L2 for large n, so each B micro-panel comes from L3
//      the first time a row block uses it. The next micro-panel is prefetched in slices, one slice per
//      row tile of the current one: +1-3% at 1024^3 (within noise on a shared host, but never worse).
// A prefetch never faults, so an address gone stale by a GC move would only waste the hint; that is why the
// raw pointers here need no pinning. Without SSE (Arm64) these are no-ops: .NET has no portable prefetch.

/// <summary>Cache prefetch hints for the SGEMM driver (Note [Sgemm prefetch]).</summary>
internal static class GemmPrefetch
{
    private const int FloatsPerLine = 16;

    /// <summary>The lines of C[rows, cols] (row stride <paramref name="ldc"/>).</summary>
    public static unsafe void Tile(ref float c, nint ldc, int rows, int cols)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            ref float row = ref Unsafe.Add(ref c, r * ldc);
            Sse.Prefetch0(Unsafe.AsPointer(ref row));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref row, cols - 1)));
        }
    }

    /// <summary>
    /// Slice <paramref name="slice"/> of <paramref name="slices"/> of the cache lines of <paramref name="floats"/>
    /// floats from <paramref name="start"/>.
    /// </summary>
    public static unsafe void Slice(ref float start, nint floats, int slice, int slices)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        nint lines = (floats + FloatsPerLine - 1) / FloatsPerLine;
        nint perSlice = (lines + slices - 1) / slices;
        nint end = Math.Min(lines, (slice + 1) * perSlice);
        for (nint line = slice * perSlice; line < end; line++)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref start, line * FloatsPerLine)));
        }
    }
}
