using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// e^x for softmax (internal; a public ExpOperator is being written separately and the two will be unified).
/// </summary>
/// <remarks>
/// The algorithm of Cephes <c>expf</c> (Stephen L. Moshier, Cephes Math Library 2.2, single/expf.c; the same
/// constants as in Julien Pommier's sse_mathfun.h): n = round(x * log2(e)); r = x - n * C1 - n * C2 with the
/// Cody-Waite split C1 + C2 = ln 2 (C1 = 0.693359375 has 9 significant bits, so n * C1 is exact);
/// e^r = 1 + r + r^2 * P(r) with Cephes' degree-5 minimax P on |r| &lt;= ln(2) / 2; then e^x = e^r * 2^n.
/// Differences from Cephes: fused multiply-adds throughout (round to nearest instead of floor(t + 0.5), which
/// gives the same |r| bound), and 2^n applied as two factors 2^(n &gt;&gt; 1) * 2^(n - (n &gt;&gt; 1)) so
/// that results in the subnormal range (x down to -103.97) are rounded once instead of flushed to zero.
/// Inputs are clamped to [-104, 88.8] first: e^x rounds to +0 below and overflows to +inf above, so the
/// clamp changes no result. NaN passes through the clamp: the scalar form compares, and the vector forms use
/// MaxNative(bound, x) / MinNative(bound, x), which return x when x is NaN (x86 maxps/minps return their
/// second operand, Arm's fmax/fmin propagate NaN, and .NET's software fallback matches x86; the width
/// agreement test pins this down). Measured error: at most 1 ulp
/// over the normal range (SoftmaxExpTests sweeps it). Scalar and vector forms execute the same float
/// operations in the same order, so they agree bit for bit (NaN payloads aside).
/// </remarks>
internal readonly struct SoftmaxExp : IUnaryOperator
{
    private const float Lowest = -104f;
    private const float Highest = 88.8f;
    private const float Log2E = 1.44269504088896341f;
    private const float C1 = 0.693359375f;
    private const float C2 = -2.12194440e-4f;

    // Cephes expf.c: P(r) = ((((P0 r + P1) r + P2) r + P3) r + P4) r + P5.
    private const float P0 = 1.9875691500e-4f;
    private const float P1 = 1.3981999507e-3f;
    private const float P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f;
    private const float P4 = 1.6666665459e-1f;
    private const float P5 = 5.0000001201e-1f;

    /// <inheritdoc/>
    public static float Invoke(float x)
    {
        x = x < Lowest ? Lowest : x;
        x = x > Highest ? Highest : x;
        float n = MathF.Round(x * Log2E);
        float r = MathF.FusedMultiplyAdd(n, -C1, x);
        r = MathF.FusedMultiplyAdd(n, -C2, r);
        float p = MathF.FusedMultiplyAdd(P0, r, P1);
        p = MathF.FusedMultiplyAdd(p, r, P2);
        p = MathF.FusedMultiplyAdd(p, r, P3);
        p = MathF.FusedMultiplyAdd(p, r, P4);
        p = MathF.FusedMultiplyAdd(p, r, P5);
        p = MathF.FusedMultiplyAdd(p, r * r, r) + 1f;
        int both = float.IsNaN(n) ? 254 : (int)(n + 254f);
        int e1 = both >> 1;
        return p * BitConverter.Int32BitsToSingle(e1 << 23) * BitConverter.Int32BitsToSingle((both - e1) << 23);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x)
    {
        x = Vector128.MinNative(Vector128.Create(Highest), Vector128.MaxNative(Vector128.Create(Lowest), x));
        Vector128<float> n = Vector128.Round(x * Vector128.Create(Log2E));
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-C1), x);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-C2), r);
        Vector128<float> p = Vector128.FusedMultiplyAdd(Vector128.Create(P0), r, Vector128.Create(P1));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(P2));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(P3));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(P4));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(P5));
        p = Vector128.FusedMultiplyAdd(p, r * r, r) + Vector128<float>.One;

        // e1 + e2 = n + 254 are the biased exponents of 2^(n >> 1) and 2^(n - (n >> 1)): (n + 254) >> 1 equals
        // (n >> 1) + 127 because 254 is even. n is integral and within [-151, 129] unless NaN; a NaN lane's
        // garbage exponents meet p = NaN.
        Vector128<int> both = Vector128.ConvertToInt32Native(n + Vector128.Create(254f));
        Vector128<int> e1 = Vector128.ShiftRightArithmetic(both, 1);
        return p * Vector128.ShiftLeft(e1, 23).AsSingle() * Vector128.ShiftLeft(both - e1, 23).AsSingle();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x)
    {
        x = Vector256.MinNative(Vector256.Create(Highest), Vector256.MaxNative(Vector256.Create(Lowest), x));
        Vector256<float> n = Vector256.Round(x * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-C1), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-C2), r);
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P5));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;

        // e1 + e2 = n + 254 are the biased exponents of 2^(n >> 1) and 2^(n - (n >> 1)): (n + 254) >> 1 equals
        // (n >> 1) + 127 because 254 is even. n is integral and within [-151, 129] unless NaN; a NaN lane's
        // garbage exponents meet p = NaN.
        Vector256<int> both = Vector256.ConvertToInt32Native(n + Vector256.Create(254f));
        Vector256<int> e1 = Vector256.ShiftRightArithmetic(both, 1);
        return p * Vector256.ShiftLeft(e1, 23).AsSingle() * Vector256.ShiftLeft(both - e1, 23).AsSingle();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x)
    {
        x = Vector512.MinNative(Vector512.Create(Highest), Vector512.MaxNative(Vector512.Create(Lowest), x));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-C1), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-C2), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;

        // e1 + e2 = n + 254 are the biased exponents of 2^(n >> 1) and 2^(n - (n >> 1)): (n + 254) >> 1 equals
        // (n >> 1) + 127 because 254 is even. n is integral and within [-151, 129] unless NaN; a NaN lane's
        // garbage exponents meet p = NaN.
        Vector512<int> both = Vector512.ConvertToInt32Native(n + Vector512.Create(254f));
        Vector512<int> e1 = Vector512.ShiftRightArithmetic(both, 1);
        return p * Vector512.ShiftLeft(e1, 23).AsSingle() * Vector512.ShiftLeft(both - e1, 23).AsSingle();
    }
}
