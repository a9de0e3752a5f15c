using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Benchmarks;

/// <summary>
/// This machine's fp32 FMA peak on one core: independent Vector256 (or Vector512) FMA chains, enough of
/// them to cover the FMA latency, so GEMM figures can be stated as a fraction of what the core can do.
/// </summary>
public static class FmaPeak
{
    /// <summary>Floating-point operations one call of <see cref="Run"/> performs.</summary>
    public static long Flops(int iterations) => (long)iterations * 12 * (Vector512.IsHardwareAccelerated ? 16 : 8) * 2;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Run(int iterations) => Vector512.IsHardwareAccelerated ? Run512(iterations) : Run256(iterations);

    private static float Run256(int iterations)
    {
        var a = Vector256.Create(1.0000001f);
        var b = Vector256.Create(0.9999999f);
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, b, a); c1 = Vector256.FusedMultiplyAdd(c1, b, a);
            c2 = Vector256.FusedMultiplyAdd(c2, b, a); c3 = Vector256.FusedMultiplyAdd(c3, b, a);
            c4 = Vector256.FusedMultiplyAdd(c4, b, a); c5 = Vector256.FusedMultiplyAdd(c5, b, a);
            c6 = Vector256.FusedMultiplyAdd(c6, b, a); c7 = Vector256.FusedMultiplyAdd(c7, b, a);
            c8 = Vector256.FusedMultiplyAdd(c8, b, a); c9 = Vector256.FusedMultiplyAdd(c9, b, a);
            c10 = Vector256.FusedMultiplyAdd(c10, b, a); c11 = Vector256.FusedMultiplyAdd(c11, b, a);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static float Run512(int iterations)
    {
        var a = Vector512.Create(1.0000001f);
        var b = Vector512.Create(0.9999999f);
        Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, b, a); c1 = Vector512.FusedMultiplyAdd(c1, b, a);
            c2 = Vector512.FusedMultiplyAdd(c2, b, a); c3 = Vector512.FusedMultiplyAdd(c3, b, a);
            c4 = Vector512.FusedMultiplyAdd(c4, b, a); c5 = Vector512.FusedMultiplyAdd(c5, b, a);
            c6 = Vector512.FusedMultiplyAdd(c6, b, a); c7 = Vector512.FusedMultiplyAdd(c7, b, a);
            c8 = Vector512.FusedMultiplyAdd(c8, b, a); c9 = Vector512.FusedMultiplyAdd(c9, b, a);
            c10 = Vector512.FusedMultiplyAdd(c10, b, a); c11 = Vector512.FusedMultiplyAdd(c11, b, a);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
