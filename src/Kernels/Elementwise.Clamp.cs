using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// clamp / hardtanh: min(max(x, lo), hi) with NaN-propagating max and min (IEEE 754:2019, as in ISimd.Math.cs),
// which is ATen's vectorized clamp (vec::minimum(vec::maximum(a, min), max)): NaN x stays NaN, a NaN bound
// makes every result NaN, lo > hi gives hi everywhere (torch.clamp's documented behaviour), ±inf bounds are
// no bound, and clamp(-0, 0, hi) = +0 because maximum orders -0 below +0.
public static partial class Elementwise
{
    /// <summary>
    /// dest[i] = clamp(x[i], min, max) (<c>aten::clamp</c>; <c>hardtanh</c> is clamp(x, -1, 1)). NaN inputs stay
    /// NaN; a NaN bound gives NaN; min &gt; max gives max; ±inf bounds mean "no bound".
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="dest"/> is not as long as <paramref name="x"/>.</exception>
    public static void Clamp(ReadOnlySpan<float> x, float min, float max, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        ClampAt(x, min, max, dest, VectorWidths.Resolve(width));

    internal static void ClampAt(ReadOnlySpan<float> x, float min, float max, Span<float> dest, VectorWidth resolved)
    {
        RequireSameLength(nameof(x), x.Length, nameof(dest), dest.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: ClampLoop<Simd512, Vector512<float>>(ref xr, min, max, ref dr, n); break;
            case VectorWidth.V256: ClampLoop<Simd256, Vector256<float>>(ref xr, min, max, ref dr, n); break;
            case VectorWidth.V128: ClampLoop<Simd128, Vector128<float>>(ref xr, min, max, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = MathF.Min(MathF.Max(Unsafe.Add(ref xr, i), min), max);
                }

                break;
        }
    }

    // Same shape as UnaryLoop (Note [Elementwise tails]).
    private static void ClampLoop<TSimd, TVec>(ref float x, float min, float max, ref float d, int n)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint last = end - c;
        TVec lo = TSimd.Broadcast(min), hi = TSimd.Broadcast(max);
        TVec tail = TSimd.MinPropagateNaN(TSimd.MaxPropagateNaN(TSimd.Load(ref x, last), lo), hi);

        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            TVec r0 = TSimd.MinPropagateNaN(TSimd.MaxPropagateNaN(TSimd.Load(ref x, i), lo), hi);
            TVec r1 = TSimd.MinPropagateNaN(TSimd.MaxPropagateNaN(TSimd.Load(ref x, i + c), lo), hi);
            TVec r2 = TSimd.MinPropagateNaN(TSimd.MaxPropagateNaN(TSimd.Load(ref x, i + (2 * c)), lo), hi);
            TVec r3 = TSimd.MinPropagateNaN(TSimd.MaxPropagateNaN(TSimd.Load(ref x, i + (3 * c)), lo), hi);
            TSimd.Store(r0, ref d, i);
            TSimd.Store(r1, ref d, i + c);
            TSimd.Store(r2, ref d, i + (2 * c));
            TSimd.Store(r3, ref d, i + (3 * c));
        }

        for (; i + c <= end; i += c)
        {
            TSimd.Store(TSimd.MinPropagateNaN(TSimd.MaxPropagateNaN(TSimd.Load(ref x, i), lo), hi), ref d, i);
        }

        TSimd.Store(tail, ref d, last);
    }
}
