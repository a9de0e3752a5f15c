using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// layer_norm: per row, Moments.Row (two passes) then one normalizing pass; the row (cols floats) is read three
// times while it sits in L1/L2. Which of gamma/beta exist is a type parameter so the inner loop has no branch.
public static partial class Normalization
{
    internal static void LayerNormAt(
        ReadOnlySpan<float> x, int rows, int cols, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps, Span<float> dest,
        VectorWidth resolved)
    {
        const string Kernel = "LayerNorm";
        ReductionShapes.RequireSizes(Kernel, "rows, cols, 1", rows, cols, 1);
        ReductionShapes.RequireLength(Kernel, nameof(x), x.Length, "rows * cols", rows, cols);
        ReductionShapes.RequireLength(Kernel, nameof(dest), dest.Length, "rows * cols", rows, cols);
        ReductionShapes.RequireEmptyOr(Kernel, nameof(gamma), gamma.Length, nameof(cols), cols);
        ReductionShapes.RequireEmptyOr(Kernel, nameof(beta), beta.Length, nameof(cols), cols);
        RequireOutput(Kernel, x, gamma, beta, dest);
        if (x.Length == 0)
        {
            return;
        }

        var args = new LayerNormArgs(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(gamma), ref MemoryMarshal.GetReference(beta),
            ref MemoryMarshal.GetReference(dest), rows, cols, eps, resolved);
        switch (gamma.Length != 0, beta.Length != 0)
        {
            case (true, true): LayerNormRows<Present, Present>(in args); break;
            case (true, false): LayerNormRows<Present, Absent>(in args); break;
            case (false, true): LayerNormRows<Absent, Present>(in args); break;
            default: LayerNormRows<Absent, Absent>(in args); break;
        }
    }

    private readonly ref struct LayerNormArgs(
        ref float x, ref float gamma, ref float beta, ref float dest, int rows, int cols, float eps, VectorWidth resolved)
    {
        public readonly ref float X = ref x;
        public readonly ref float Gamma = ref gamma;
        public readonly ref float Beta = ref beta;
        public readonly ref float Dest = ref dest;
        public readonly int Rows = rows;
        public readonly int Cols = cols;
        public readonly float Eps = eps;
        public readonly VectorWidth Resolved = resolved;
    }

    private static void LayerNormRows<TGamma, TBeta>(in LayerNormArgs args)
        where TGamma : IPresence
        where TBeta : IPresence
    {
        int cols = args.Cols;
        VectorWidth fit = VectorWidths.FitLength(args.Resolved, cols);
        for (nuint r = 0; r < (nuint)args.Rows; r++)
        {
            ref float x = ref Unsafe.Add(ref args.X, r * (nuint)cols);
            ref float d = ref Unsafe.Add(ref args.Dest, r * (nuint)cols);
            float mean = Moments.Row(ref x, cols, args.Resolved, out double m2, out float meanLow);
            float rstd = (float)InverseStd(m2 / cols, args.Eps);
            switch (fit)
            {
                case VectorWidth.V512: LayerNormRow<TGamma, TBeta, Simd512, Vector512<float>>(ref x, ref args.Gamma, ref args.Beta, ref d, cols, mean, meanLow, rstd); break;
                case VectorWidth.V256: LayerNormRow<TGamma, TBeta, Simd256, Vector256<float>>(ref x, ref args.Gamma, ref args.Beta, ref d, cols, mean, meanLow, rstd); break;
                case VectorWidth.V128: LayerNormRow<TGamma, TBeta, Simd128, Vector128<float>>(ref x, ref args.Gamma, ref args.Beta, ref d, cols, mean, meanLow, rstd); break;
                default:
                    for (nuint j = 0; j < (nuint)cols; j++)
                    {
                        float t = ((Unsafe.Add(ref x, j) - mean) - meanLow) * rstd;
                        Unsafe.Add(ref d, j) = (TGamma.Exists, TBeta.Exists) switch
                        {
                            (true, true) => MathF.FusedMultiplyAdd(t, Unsafe.Add(ref args.Gamma, j), Unsafe.Add(ref args.Beta, j)),
                            (true, false) => t * Unsafe.Add(ref args.Gamma, j),
                            (false, true) => t + Unsafe.Add(ref args.Beta, j),
                            _ => t,
                        };
                    }

                    break;
            }
        }
    }

    // Requires n >= TSimd.Count; the last vector overlaps and rewrites identical values (x is not dest).
    private static void LayerNormRow<TGamma, TBeta, TSimd, TVec>(ref float x, ref float gamma, ref float beta, ref float d, int n, float mean, float meanLow, float rstd)
        where TGamma : IPresence
        where TBeta : IPresence
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint last = (nuint)n - c;
        TVec m = TSimd.Broadcast(mean), low = TSimd.Broadcast(meanLow);
        TVec s = TSimd.Broadcast(rstd);
        for (nuint j = 0; j < last; j += c)
        {
            TSimd.Store(LayerNormVector<TGamma, TBeta, TSimd, TVec>(ref x, ref gamma, ref beta, j, m, low, s), ref d, j);
        }

        TSimd.Store(LayerNormVector<TGamma, TBeta, TSimd, TVec>(ref x, ref gamma, ref beta, last, m, low, s), ref d, last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LayerNormVector<TGamma, TBeta, TSimd, TVec>(ref float x, ref float gamma, ref float beta, nuint j, TVec mean, TVec meanLow, TVec rstd)
        where TGamma : IPresence
        where TBeta : IPresence
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec t = TSimd.Multiply(TSimd.Subtract(TSimd.Subtract(TSimd.Load(ref x, j), mean), meanLow), rstd);
        if (TGamma.Exists && TBeta.Exists)
        {
            return TSimd.FusedMultiplyAdd(t, TSimd.Load(ref gamma, j), TSimd.Load(ref beta, j));
        }

        if (TGamma.Exists)
        {
            return TSimd.Multiply(t, TSimd.Load(ref gamma, j));
        }

        return TBeta.Exists ? TSimd.Add(t, TSimd.Load(ref beta, j)) : t;
    }

    /// <summary>Whether an optional affine parameter was given; a type parameter so the JIT drops the dead branch.</summary>
    private interface IPresence
    {
        static abstract bool Exists { get; }
    }

    private readonly struct Present : IPresence
    {
        public static bool Exists => true;
    }

    private readonly struct Absent : IPresence
    {
        public static bool Exists => false;
    }
}
