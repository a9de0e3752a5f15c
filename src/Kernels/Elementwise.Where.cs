using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// Where an input of <c>where</c> comes from in an inner run: a span (one element per position) or one scalar
/// repeated. Broadcasting picks the kind per run; the JIT specializes the loop for each pair.
/// </summary>
internal interface IWhereOperand
{
    static abstract TVec Load<TSimd, TVec>(ref float source, nuint index)
        where TSimd : ISimd<TVec>
        where TVec : struct;

    static abstract float Get(ref float source, nuint index);
}

internal readonly struct SpanOperand : IWhereOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Load<TSimd, TVec>(ref float source, nuint index)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.Load(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Get(ref float source, nuint index) => Unsafe.Add(ref source, index);
}

internal readonly struct ScalarOperand : IWhereOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Load<TSimd, TVec>(ref float source, nuint index)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.Broadcast(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Get(ref float source, nuint index) => source;
}

// aten::where(cond, x, y) on contiguous spans. Any nonzero bool byte counts as true.
public static partial class Elementwise
{
    /// <summary>dest[i] = cond[i] ? x[i] : y[i] (<c>aten::where</c>; masked_fill is where(mask, value, x)).</summary>
    /// <exception cref="ArgumentException">The four lengths differ.</exception>
    public static void Where(ReadOnlySpan<bool> cond, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dest, VectorWidth width = VectorWidth.Best)
    {
        RequireSameLength(nameof(cond), cond.Length, nameof(x), x.Length);
        RequireSameLength(nameof(cond), cond.Length, nameof(y), y.Length);
        RequireSameLength(nameof(cond), cond.Length, nameof(dest), dest.Length);
        WhereAt<SpanOperand, SpanOperand>(
            cond, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), dest, VectorWidths.Resolve(width));
    }

    /// <summary>
    /// dest[i] = cond[i] ? X(i) : Y(i) over dest.Length elements, X and Y read as spans or scalars by
    /// <typeparamref name="TX"/> and <typeparamref name="TY"/>; callers have checked the lengths.
    /// </summary>
    internal static void WhereAt<TX, TY>(ReadOnlySpan<bool> cond, ref float x, ref float y, Span<float> dest, VectorWidth resolved)
        where TX : IWhereOperand
        where TY : IWhereOperand
    {
        int n = dest.Length;
        ref byte cr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(cond));
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: WhereLoop<TX, TY, Simd512, Vector512<float>>(ref cr, ref x, ref y, ref dr, n); break;
            case VectorWidth.V256: WhereLoop<TX, TY, Simd256, Vector256<float>>(ref cr, ref x, ref y, ref dr, n); break;
            case VectorWidth.V128: WhereLoop<TX, TY, Simd128, Vector128<float>>(ref cr, ref x, ref y, ref dr, n); break;
            default:
                for (nuint i = 0; i < (nuint)n; i++)
                {
                    Unsafe.Add(ref dr, i) = Unsafe.Add(ref cr, i) != 0 ? TX.Get(ref x, i) : TY.Get(ref y, i);
                }

                break;
        }
    }

    // Same shape as UnaryLoop (Note [Elementwise tails]): the overlapping last vector is computed first, so
    // dest may be x or y itself.
    private static void WhereLoop<TX, TY, TSimd, TVec>(ref byte cond, ref float x, ref float y, ref float d, int n)
        where TX : IWhereOperand
        where TY : IWhereOperand
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint last = end - c;
        TVec tail = TSimd.ConditionalSelect(
            TSimd.LoadBoolsAsMask(ref cond, last), TX.Load<TSimd, TVec>(ref x, last), TY.Load<TSimd, TVec>(ref y, last));

        for (nuint i = 0; i + c <= end; i += c)
        {
            TVec r = TSimd.ConditionalSelect(
                TSimd.LoadBoolsAsMask(ref cond, i), TX.Load<TSimd, TVec>(ref x, i), TY.Load<TSimd, TVec>(ref y, i));
            TSimd.Store(r, ref d, i);
        }

        TSimd.Store(tail, ref d, last);
    }
}
