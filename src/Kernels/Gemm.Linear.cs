using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Note [Linear order]: Linear is y = x @ W^T + b. For batches of at least LinearDotRows rows and outputs at
// least LinearDotColumns wide it is the packed SGEMM with B = W^T packed per call into the thread's scratch
// (Note [Sgemm order]: one FMA chain over k from +0, then + bias[j]). Otherwise packing (a transpose of all
// of W on every call) or the padding of a 16-column panel costs more than it saves, and dot-product kernels
// stream W as stored, in the order of Note [Linear dot order]. Measured on one Zen 3 core (thread CPU time,
// best of 25): k = 784, n = 512: m = 1 33 us dot vs 111 us packed per call, m = 8 163 vs 187, m = 16 317
// vs 305, m = 64 1191 vs 731; k = 512, n = 512: m = 8 103 vs 121, m = 12 177 vs 147; k = 512, n = 10: the
// dot kernels win at every m up to 64 (25 vs 36 us).
public static partial class Gemm
{
    /// <summary>Batches with fewer rows take the dot-product kernels (Note [Linear order]).</summary>
    internal const int LinearDotRows = 12;

    /// <summary>Layers with fewer outputs take the dot-product kernels (Note [Linear order]).</summary>
    internal const int LinearDotColumns = 16;

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

        if (m >= LinearDotRows && n >= LinearDotColumns)
        {
            int threads = Parallelism.IntraOpThreads;
            GemmBlocking blocking = GemmBlocking.For(resolved);
            ref float packed = ref PackIntoScratch(weight, k, n, transB: true, Math.Max(1, k), blocking, threads, out GemmPackedLayout layout);
            RunPacked(resolved, threads, x, transA: false, Math.Max(1, k), m, ref packed, layout, blocking, bias, dest, n, Epilogue.None);
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
