using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// Elementwise drivers over contiguous float spans. Each resolves the width once, then runs a width-generic
/// loop (see <c>Elementwise.*Loops.cs</c>) specialized for the operator.
/// </summary>
/// <remarks>
/// Note [Elementwise tails]: a vector loop runs over whole vectors (unrolled by 4 for float outputs) and
/// finishes with one vector that ends exactly at the last element, overlapping the previous one, so there is
/// no scalar tail. Inputs shorter than one vector run at the next narrower width that fits, and inputs shorter
/// than 4 elements run a scalar loop. The operators are bit-identical across widths, so the mix is invisible.
/// The overlapping vector is computed before the main loop, so <c>dest</c> may be exactly the same memory as
/// an input (in-place); partially overlapping spans are not supported.
/// </remarks>
public static partial class Elementwise
{
    /// <summary>dest[i] = TOp(x[i]).</summary>
    /// <exception cref="ArgumentException"><paramref name="dest"/> is not as long as <paramref name="x"/>.</exception>
    public static void Unary<TOp>(ReadOnlySpan<float> x, Span<float> dest, VectorWidth width = VectorWidth.Best)
        where TOp : IUnaryOperator =>
        UnaryAt<TOp>(x, dest, VectorWidths.Resolve(width));

    /// <summary>dest[i] = TOp(x[i], y[i]).</summary>
    /// <exception cref="ArgumentException">The three lengths differ.</exception>
    public static void Binary<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dest, VectorWidth width = VectorWidth.Best)
        where TOp : IBinaryOperator =>
        BinaryAt<TOp>(x, y, dest, VectorWidths.Resolve(width));

    /// <summary>dest[i] = TOp(x[i], y): tensor op scalar.</summary>
    /// <exception cref="ArgumentException"><paramref name="dest"/> is not as long as <paramref name="x"/>.</exception>
    public static void Binary<TOp>(ReadOnlySpan<float> x, float y, Span<float> dest, VectorWidth width = VectorWidth.Best)
        where TOp : IBinaryOperator =>
        BinaryAt<TOp>(x, y, dest, VectorWidths.Resolve(width));

    /// <summary>dest[i] = TOp(x, y[i]): scalar op tensor.</summary>
    /// <exception cref="ArgumentException"><paramref name="dest"/> is not as long as <paramref name="y"/>.</exception>
    public static void Binary<TOp>(float x, ReadOnlySpan<float> y, Span<float> dest, VectorWidth width = VectorWidth.Best)
        where TOp : IBinaryOperator =>
        BinaryAt<TOp>(x, y, dest, VectorWidths.Resolve(width));

    /// <summary>dest[i] = TOp(x[i], y[i]).</summary>
    /// <exception cref="ArgumentException">The three lengths differ.</exception>
    public static void Compare<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<bool> dest, VectorWidth width = VectorWidth.Best)
        where TOp : ICompareOperator =>
        CompareAt<TOp>(x, y, dest, VectorWidths.Resolve(width));

    /// <summary>dest[i] = TOp(x[i], y): tensor compared with scalar.</summary>
    /// <exception cref="ArgumentException"><paramref name="dest"/> is not as long as <paramref name="x"/>.</exception>
    public static void Compare<TOp>(ReadOnlySpan<float> x, float y, Span<bool> dest, VectorWidth width = VectorWidth.Best)
        where TOp : ICompareOperator =>
        CompareAt<TOp>(x, y, dest, VectorWidths.Resolve(width));

    /// <summary>dest[i] = TOp(x, y[i]): scalar compared with tensor (needed by broadcasting).</summary>
    /// <exception cref="ArgumentException"><paramref name="dest"/> is not as long as <paramref name="y"/>.</exception>
    public static void Compare<TOp>(float x, ReadOnlySpan<float> y, Span<bool> dest, VectorWidth width = VectorWidth.Best)
        where TOp : ICompareOperator =>
        CompareAt<TOp>(x, y, dest, VectorWidths.Resolve(width));

    // The *At entry points take a width that is already resolved; Broadcasting calls them once per inner run.

    internal static void UnaryAt<TOp>(ReadOnlySpan<float> x, Span<float> dest, VectorWidth resolved)
        where TOp : IUnaryOperator
    {
        RequireSameLength(nameof(x), x.Length, nameof(dest), dest.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: UnaryLoop<TOp, Simd512, Vector512<float>>(ref xr, ref dr, n); break;
            case VectorWidth.V256: UnaryLoop<TOp, Simd256, Vector256<float>>(ref xr, ref dr, n); break;
            case VectorWidth.V128: UnaryLoop<TOp, Simd128, Vector128<float>>(ref xr, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i));
                }

                break;
        }
    }

    internal static void BinaryAt<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dest, VectorWidth resolved)
        where TOp : IBinaryOperator
    {
        RequireSameLength(nameof(x), x.Length, nameof(y), y.Length);
        RequireSameLength(nameof(x), x.Length, nameof(dest), dest.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: BinaryLoop<TOp, Simd512, Vector512<float>>(ref xr, ref yr, ref dr, n); break;
            case VectorWidth.V256: BinaryLoop<TOp, Simd256, Vector256<float>>(ref xr, ref yr, ref dr, n); break;
            case VectorWidth.V128: BinaryLoop<TOp, Simd128, Vector128<float>>(ref xr, ref yr, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
                }

                break;
        }
    }

    internal static void BinaryAt<TOp>(ReadOnlySpan<float> x, float y, Span<float> dest, VectorWidth resolved)
        where TOp : IBinaryOperator
    {
        RequireSameLength(nameof(x), x.Length, nameof(dest), dest.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: BinaryScalarRightLoop<TOp, Simd512, Vector512<float>>(ref xr, y, ref dr, n); break;
            case VectorWidth.V256: BinaryScalarRightLoop<TOp, Simd256, Vector256<float>>(ref xr, y, ref dr, n); break;
            case VectorWidth.V128: BinaryScalarRightLoop<TOp, Simd128, Vector128<float>>(ref xr, y, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), y);
                }

                break;
        }
    }

    internal static void BinaryAt<TOp>(float x, ReadOnlySpan<float> y, Span<float> dest, VectorWidth resolved)
        where TOp : IBinaryOperator
    {
        RequireSameLength(nameof(y), y.Length, nameof(dest), dest.Length);
        int n = y.Length;
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: BinaryScalarLeftLoop<TOp, Simd512, Vector512<float>>(x, ref yr, ref dr, n); break;
            case VectorWidth.V256: BinaryScalarLeftLoop<TOp, Simd256, Vector256<float>>(x, ref yr, ref dr, n); break;
            case VectorWidth.V128: BinaryScalarLeftLoop<TOp, Simd128, Vector128<float>>(x, ref yr, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = TOp.Invoke(x, Unsafe.Add(ref yr, i));
                }

                break;
        }
    }

    internal static void CompareAt<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<bool> dest, VectorWidth resolved)
        where TOp : ICompareOperator
    {
        RequireSameLength(nameof(x), x.Length, nameof(y), y.Length);
        RequireSameLength(nameof(x), x.Length, nameof(dest), dest.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref byte dr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(dest));
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: CompareLoop<TOp, Simd512, Vector512<float>>(ref xr, ref yr, ref dr, n); break;
            case VectorWidth.V256: CompareLoop<TOp, Simd256, Vector256<float>>(ref xr, ref yr, ref dr, n); break;
            case VectorWidth.V128: CompareLoop<TOp, Simd128, Vector128<float>>(ref xr, ref yr, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = Bool(TOp.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i)));
                }

                break;
        }
    }

    internal static void CompareAt<TOp>(ReadOnlySpan<float> x, float y, Span<bool> dest, VectorWidth resolved)
        where TOp : ICompareOperator
    {
        RequireSameLength(nameof(x), x.Length, nameof(dest), dest.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref byte dr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(dest));
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: CompareScalarRightLoop<TOp, Simd512, Vector512<float>>(ref xr, y, ref dr, n); break;
            case VectorWidth.V256: CompareScalarRightLoop<TOp, Simd256, Vector256<float>>(ref xr, y, ref dr, n); break;
            case VectorWidth.V128: CompareScalarRightLoop<TOp, Simd128, Vector128<float>>(ref xr, y, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = Bool(TOp.Invoke(Unsafe.Add(ref xr, i), y));
                }

                break;
        }
    }

    internal static void CompareAt<TOp>(float x, ReadOnlySpan<float> y, Span<bool> dest, VectorWidth resolved)
        where TOp : ICompareOperator
    {
        RequireSameLength(nameof(y), y.Length, nameof(dest), dest.Length);
        int n = y.Length;
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref byte dr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(dest));
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: CompareScalarLeftLoop<TOp, Simd512, Vector512<float>>(x, ref yr, ref dr, n); break;
            case VectorWidth.V256: CompareScalarLeftLoop<TOp, Simd256, Vector256<float>>(x, ref yr, ref dr, n); break;
            case VectorWidth.V128: CompareScalarLeftLoop<TOp, Simd128, Vector128<float>>(x, ref yr, ref dr, n); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref dr, i) = Bool(TOp.Invoke(x, Unsafe.Add(ref yr, i)));
                }

                break;
        }
    }

    private static void RequireSameLength(string aName, int a, string bName, int b)
    {
        if (a != b)
        {
            throw new ArgumentException($"length mismatch: {aName} has {a} elements but {bName} has {b}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Bool(bool value) => value ? (byte)1 : (byte)0;
}
