namespace TorchJit.Kernels.Tests;

/// <summary>
/// Widths the tests run: every accelerated width through the public API, plus every width the hardware
/// lacks through the internal *At entry points, where .NET's software fallback for Vector256/512 runs the
/// same driver code slowly. That way the V512 loops are checked on AVX2-only machines too.
/// </summary>
public static class TestWidths
{
    public static readonly VectorWidth[] All = [VectorWidth.Scalar, VectorWidth.V128, VectorWidth.V256, VectorWidth.V512];

    public static TheoryData<VectorWidth> Data => new(All);

    public static bool IsEmulated(VectorWidth w) => !VectorWidths.Supported.Contains(w);

    public static int Lanes(VectorWidth w) => w switch
    {
        VectorWidth.V512 => 16,
        VectorWidth.V256 => 8,
        VectorWidth.V128 => 4,
        _ => 1,
    };

    /// <summary>Lanes a driver really uses for an input of <paramref name="n"/> elements: the widest width no wider than w that fits, 1 under 4.</summary>
    public static int EffectiveLanes(VectorWidth w, int n)
    {
        int c = Lanes(w);
        while (c > 1 && c > n)
        {
            c = c == 4 ? 1 : c / 2;
        }

        return c;
    }
}
