using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Note [Linear order]: Linear is y = x @ W^T + b. From LinearDotRows rows up it is the packed SGEMM with
// B = W^T packed per call into the thread's scratch (Note [Sgemm order]: one FMA chain over k from +0, then
// + bias[j]). Below that, packing (a transpose of all of W on every call) costs more than the product itself,
// so dot-product kernels stream W as stored, with the order of Note [Linear dot order]. Measured on a Zen 3
// core (k = 784 or 512, n = 512): the dot kernels win up to m = 8 (m = 1: ~45 us against ~240 us with the
// packing), the packed path from m = 16 (k = 512: 180 us against 320 us).
public static partial class Gemm
{
    /// <summary>Batches with at least this many rows take the packed path (Note [Linear order]).</summary>
    internal const int LinearDotRows = 12;

    internal static void LinearAt(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> dest,
        int m, int k, int n, VectorWidth resolved)
    {
        RequireSizes(m, k, n);
        RequireLength("Linear", nameof(x), x.Length, "m * k", m, k);
        RequireLength("Linear", nameof(weight), weight.Length, "n * k", n, k);
        if (bias.Length != 0 && bias.Length != n)
        {
            throw new ArgumentException($"Linear: bias has {bias.Length} elements but must be empty or have n = {n}", nameof(bias));
        }

        RequireLength("Linear", nameof(dest), dest.Length, "m * n", m, n);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (m >= LinearDotRows)
        {
            ref float packed = ref PackIntoScratch(weight, k, n, transB: true, ldb: Math.Max(1, k), GemmBlocking.For(resolved), out GemmPackedLayout layout);
            RunPacked(
                resolved, Parallelism.IntraOpThreads, x, transA: false, Math.Max(1, k), m, ref packed, layout, GemmBlocking.For(resolved),
                bias, dest, n, Epilogue.None);
            return;
        }

        var args = new LinearArgs(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(weight), ref MemoryMarshal.GetReference(bias),
            ref MemoryMarshal.GetReference(dest), m, k, n, hasBias: bias.Length != 0);
        switch (VectorWidths.FitLength(resolved, k))
        {
            case VectorWidth.V512: LinearLoop<Simd512, Vector512<float>>(in args); break;
            case VectorWidth.V256: LinearLoop<Simd256, Vector256<float>>(in args); break;
            case VectorWidth.V128: LinearLoop<Simd128, Vector128<float>>(in args); break;
            default: LinearScalar(in args); break;
        }
    }
}
