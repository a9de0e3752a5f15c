using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Vector width a driver uses. <see cref="Best"/> = widest the hardware accelerates.</summary>
public enum VectorWidth
{
    /// <summary>The widest width this machine accelerates.</summary>
    Best,

    /// <summary>One element at a time, no SIMD.</summary>
    Scalar,

    /// <summary>128-bit vectors (4 floats).</summary>
    V128,

    /// <summary>256-bit vectors (8 floats).</summary>
    V256,

    /// <summary>512-bit vectors (16 floats).</summary>
    V512,
}

/// <summary>Maps requested widths to widths this machine can actually run.</summary>
public static class VectorWidths
{
    // Note [Nested widths]: a width counts as supported only if every narrower vector width is accelerated
    // too. Drivers rely on this when an input is shorter than one vector: they step down to the next
    // narrower width without asking the hardware again. (True on every .NET target anyway: AVX-512 implies
    // AVX2 implies SSE; Arm64 has only 128-bit.)
    private static readonly VectorWidth Widest =
        Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated ? VectorWidth.V512
        : Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated ? VectorWidth.V256
        : Vector128.IsHardwareAccelerated ? VectorWidth.V128
        : VectorWidth.Scalar;

    private static readonly VectorWidth[] SupportedWidths = BuildSupported();

    /// <summary>
    /// <see cref="VectorWidth.Best"/> becomes the widest accelerated width; a requested width the hardware
    /// lacks becomes the widest supported width narrower than it. Never returns <see cref="VectorWidth.Best"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="w"/> is not a defined width.</exception>
    public static VectorWidth Resolve(VectorWidth w)
    {
        if (w == VectorWidth.Best)
        {
            return Widest;
        }

        if (w < VectorWidth.Best || w > VectorWidth.V512)
        {
            throw new ArgumentOutOfRangeException(nameof(w), w, "unknown vector width");
        }

        return w < Widest ? w : Widest;
    }

    /// <summary><see cref="VectorWidth.Scalar"/> plus every accelerated vector width, narrowest first (for tests and benchmarks).</summary>
    public static IReadOnlyList<VectorWidth> Supported => SupportedWidths;

    /// <summary>Number of float lanes at <paramref name="w"/> (1 for Scalar).</summary>
    internal static int Lanes(VectorWidth w) => w switch
    {
        VectorWidth.V512 => Vector512<float>.Count,
        VectorWidth.V256 => Vector256<float>.Count,
        VectorWidth.V128 => Vector128<float>.Count,
        _ => 1,
    };

    /// <summary>
    /// The widest width no wider than <paramref name="resolved"/> whose vector fits in <paramref name="length"/>
    /// elements, so tails can overlap the previous vector instead of reading past the end (Note [Nested widths]).
    /// </summary>
    internal static VectorWidth FitLength(VectorWidth resolved, int length)
    {
        while (resolved > VectorWidth.Scalar && Lanes(resolved) > length)
        {
            resolved--;
        }

        return resolved;
    }

    private static VectorWidth[] BuildSupported()
    {
        var list = new List<VectorWidth> { VectorWidth.Scalar };
        for (var w = VectorWidth.V128; w <= Widest; w++)
        {
            list.Add(w);
        }

        return list.ToArray();
    }
}
