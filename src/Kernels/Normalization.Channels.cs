using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// batch_norm (inference) and group_norm: both end in y = FMA((x - mean) - meanLow, scale, shift) with constants
// per channel (Note [Normalization rounding]), over each channel's contiguous run of `spatial` elements.
public static partial class Normalization
{
    /// <summary>Channels whose batch_norm constants are staged on the stack at a time (2 KiB).</summary>
    private const int ChannelBlock = 256;

    internal static void BatchNormInferenceAt(
        ReadOnlySpan<float> x, int n, int c, int spatial, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVar,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps, Span<float> dest, VectorWidth resolved)
    {
        const string Kernel = "BatchNormInference";
        ReductionShapes.RequireSizes(Kernel, "n, c, spatial", n, c, spatial);
        ReductionShapes.RequireLength(Kernel, nameof(x), x.Length, "n * c * spatial", n, c, spatial);
        ReductionShapes.RequireLength(Kernel, nameof(dest), dest.Length, "n * c * spatial", n, c, spatial);
        if (runningMean.Length != c || runningVar.Length != c)
        {
            throw new ArgumentException(
                $"{Kernel}: runningMean and runningVar must have c = {c} elements, got {runningMean.Length} and {runningVar.Length}",
                runningMean.Length != c ? nameof(runningMean) : nameof(runningVar));
        }

        ReductionShapes.RequireEmptyOr(Kernel, nameof(gamma), gamma.Length, nameof(c), c);
        ReductionShapes.RequireEmptyOr(Kernel, nameof(beta), beta.Length, nameof(c), c);
        RequireOutput(Kernel, x, gamma, beta, dest);
        ReductionShapes.RequireNoOverlap(Kernel, nameof(runningMean), runningMean, nameof(dest), dest);
        ReductionShapes.RequireNoOverlap(Kernel, nameof(runningVar), runningVar, nameof(dest), dest);
        if (x.Length == 0)
        {
            return;
        }

        BatchNormBlocks(x, n, c, spatial, runningMean, runningVar, gamma, beta, eps, dest, resolved);
    }

    internal static void GroupNormAt(
        ReadOnlySpan<float> x, int n, int c, int spatial, int groups, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps,
        Span<float> dest, VectorWidth resolved)
    {
        const string Kernel = "GroupNorm";
        ReductionShapes.RequireSizes(Kernel, "n, c, spatial", n, c, spatial);
        if (groups <= 0 || c % groups != 0)
        {
            throw new ArgumentException($"{Kernel}: c = {c} channels cannot be split into groups = {groups} equal groups", nameof(groups));
        }

        ReductionShapes.RequireLength(Kernel, nameof(x), x.Length, "n * c * spatial", n, c, spatial);
        ReductionShapes.RequireLength(Kernel, nameof(dest), dest.Length, "n * c * spatial", n, c, spatial);
        ReductionShapes.RequireEmptyOr(Kernel, nameof(gamma), gamma.Length, nameof(c), c);
        ReductionShapes.RequireEmptyOr(Kernel, nameof(beta), beta.Length, nameof(c), c);
        RequireOutput(Kernel, x, gamma, beta, dest);
        if (x.Length == 0)
        {
            return;
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        int perGroup = c / groups;
        int length = perGroup * spatial;
        for (int s = 0; s < n; s++)
        {
            for (int g = 0; g < groups; g++)
            {
                nuint start = ((nuint)s * (nuint)c + (nuint)(g * perGroup)) * (nuint)spatial;
                float mean = Moments.Row(ref Unsafe.Add(ref xr, start), length, resolved, out double m2, out float meanLow);
                double rstd = InverseStd(m2 / length, eps);
                for (int k = 0; k < perGroup; k++)
                {
                    int ch = (g * perGroup) + k;
                    float scale = (float)(gamma.Length != 0 ? rstd * gamma[ch] : rstd);
                    float shift = beta.Length != 0 ? beta[ch] : -0f;
                    nuint at = start + ((nuint)k * (nuint)spatial);
                    AffineRun(ref Unsafe.Add(ref xr, at), ref Unsafe.Add(ref dr, at), spatial, mean, meanLow, scale, shift, resolved);
                }
            }
        }
    }

    /// <summary>d[i] = FMA((x[i] - mean) - meanLow, scale, shift) for i &lt; n (meanLow: Note [Two-pass variance], 0 for batch_norm).</summary>
    private static void AffineRun(ref float x, ref float d, int n, float mean, float meanLow, float scale, float shift, VectorWidth resolved)
    {
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: AffineRunLoop<Simd512, Vector512<float>>(ref x, ref d, n, mean, meanLow, scale, shift); break;
            case VectorWidth.V256: AffineRunLoop<Simd256, Vector256<float>>(ref x, ref d, n, mean, meanLow, scale, shift); break;
            case VectorWidth.V128: AffineRunLoop<Simd128, Vector128<float>>(ref x, ref d, n, mean, meanLow, scale, shift); break;
            default:
                for (nuint i = 0; i < (nuint)n; i++)
                {
                    Unsafe.Add(ref d, i) = MathF.FusedMultiplyAdd((Unsafe.Add(ref x, i) - mean) - meanLow, scale, shift);
                }

                break;
        }
    }

    // Requires n >= TSimd.Count; the last vector overlaps and rewrites identical values.
    private static void AffineRunLoop<TSimd, TVec>(ref float x, ref float d, int n, float mean, float meanLow, float scale, float shift)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint last = (nuint)n - c;
        TVec m = TSimd.Broadcast(mean), low = TSimd.Broadcast(meanLow), s = TSimd.Broadcast(scale), b = TSimd.Broadcast(shift);
        for (nuint j = 0; j < last; j += c)
        {
            TSimd.Store(TSimd.FusedMultiplyAdd(TSimd.Subtract(TSimd.Subtract(TSimd.Load(ref x, j), m), low), s, b), ref d, j);
        }

        TSimd.Store(TSimd.FusedMultiplyAdd(TSimd.Subtract(TSimd.Subtract(TSimd.Load(ref x, last), m), low), s, b), ref d, last);
    }

    // Channel constants are staged on the stack for a block of channels, then the block is applied sample by
    // sample, so x and dest are walked in memory order. With spatial == 1 (BatchNorm1d on [n, c]) the channels
    // are the contiguous dimension and the FMA runs across them with per-lane constants.
    private static void BatchNormBlocks(
        ReadOnlySpan<float> x, int n, int c, int spatial, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVar,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps, Span<float> dest, VectorWidth resolved)
    {
        Span<float> scale = stackalloc float[ChannelBlock];
        Span<float> shift = stackalloc float[ChannelBlock];
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        for (int first = 0; first < c; first += ChannelBlock)
        {
            int count = Math.Min(ChannelBlock, c - first);
            for (int k = 0; k < count; k++)
            {
                double inverseStd = InverseStd(runningVar[first + k], eps);
                scale[k] = (float)(gamma.Length != 0 ? gamma[first + k] * inverseStd : inverseStd);
                shift[k] = beta.Length != 0 ? beta[first + k] : -0f;
            }

            ReadOnlySpan<float> mean = runningMean.Slice(first, count);
            for (int s = 0; s < n; s++)
            {
                int at = ((s * c) + first) * spatial;
                if (spatial == 1)
                {
                    ChannelAffine(x.Slice(at, count), mean, scale[..count], shift[..count], dest.Slice(at, count), resolved);
                    continue;
                }

                for (int k = 0; k < count; k++)
                {
                    nuint run = (nuint)at + ((nuint)k * (nuint)spatial);
                    AffineRun(ref Unsafe.Add(ref xr, run), ref Unsafe.Add(ref dr, run), spatial, mean[k], 0f, scale[k], shift[k], resolved);
                }
            }
        }
    }

    /// <summary>d[i] = FMA(x[i] - mean[i], scale[i], shift[i]), all spans of one length.</summary>
    private static void ChannelAffine(
        ReadOnlySpan<float> x, ReadOnlySpan<float> mean, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> d, VectorWidth resolved)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float mr = ref MemoryMarshal.GetReference(mean);
        ref float sr = ref MemoryMarshal.GetReference(scale);
        ref float br = ref MemoryMarshal.GetReference(shift);
        ref float dr = ref MemoryMarshal.GetReference(d);
        switch (VectorWidths.FitLength(resolved, x.Length))
        {
            case VectorWidth.V512: ChannelAffineLoop<Simd512, Vector512<float>>(ref xr, ref mr, ref sr, ref br, ref dr, x.Length); break;
            case VectorWidth.V256: ChannelAffineLoop<Simd256, Vector256<float>>(ref xr, ref mr, ref sr, ref br, ref dr, x.Length); break;
            case VectorWidth.V128: ChannelAffineLoop<Simd128, Vector128<float>>(ref xr, ref mr, ref sr, ref br, ref dr, x.Length); break;
            default:
                for (int i = 0; i < x.Length; i++)
                {
                    d[i] = MathF.FusedMultiplyAdd(x[i] - mean[i], scale[i], shift[i]);
                }

                break;
        }
    }

    private static void ChannelAffineLoop<TSimd, TVec>(ref float x, ref float mean, ref float scale, ref float shift, ref float d, int n)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint last = (nuint)n - c;
        for (nuint j = 0; j < last; j += c)
        {
            TSimd.Store(ChannelAffineVector<TSimd, TVec>(ref x, ref mean, ref scale, ref shift, j), ref d, j);
        }

        TSimd.Store(ChannelAffineVector<TSimd, TVec>(ref x, ref mean, ref scale, ref shift, last), ref d, last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ChannelAffineVector<TSimd, TVec>(ref float x, ref float mean, ref float scale, ref float shift, nuint j)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec t = TSimd.Subtract(TSimd.Load(ref x, j), TSimd.Load(ref mean, j));
        return TSimd.FusedMultiplyAdd(t, TSimd.Load(ref scale, j), TSimd.Load(ref shift, j));
    }
}
