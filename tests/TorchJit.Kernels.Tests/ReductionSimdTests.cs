using System.Runtime.Intrinsics;

namespace TorchJit.Kernels.Tests;

/// <summary>
/// What the reductions assume of the width layer on this runtime: Vector*.Max/Min (hence
/// ISimd.MaxPropagateNaN/MinPropagateNaN) return NaN when either lane is NaN, in either operand order, and
/// order -0 below +0 (IEEE 754-2019 maximum/minimum, .NET 9+); and the ArgMax/ArgMin masks.
/// </summary>
public sealed class ReductionSimdTests
{
    private static readonly float[] Values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1f, -1f, 3.5f];

    [Fact]
    public void Vector_max_and_min_propagate_nan_and_order_signed_zeros()
    {
        foreach (float a in Values)
        {
            foreach (float b in Values)
            {
                float max = float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Max(a, b);
                float min = float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Min(a, b);
                Same(max, Vector128.Max(Vector128.Create(a), Vector128.Create(b)).GetElement(1), $"Vector128.Max({a}, {b})");
                Same(max, Vector256.Max(Vector256.Create(a), Vector256.Create(b)).GetElement(5), $"Vector256.Max({a}, {b})");
                Same(max, Vector512.Max(Vector512.Create(a), Vector512.Create(b)).GetElement(13), $"Vector512.Max({a}, {b})");
                Same(min, Vector256.Min(Vector256.Create(a), Vector256.Create(b)).GetElement(2), $"Vector256.Min({a}, {b})");
                Same(max, Simd128.MaxPropagateNaN(Vector128.Create(a), Vector128.Create(b)).GetElement(0), "Simd128.MaxPropagateNaN");
                Same(max, Simd256.MaxPropagateNaN(Vector256.Create(a), Vector256.Create(b)).GetElement(7), "Simd256.MaxPropagateNaN");
                Same(max, Simd512.MaxPropagateNaN(Vector512.Create(a), Vector512.Create(b)).GetElement(15), "Simd512.MaxPropagateNaN");
                Same(min, Simd128.MinPropagateNaN(Vector128.Create(a), Vector128.Create(b)).GetElement(3), "Simd128.MinPropagateNaN");
                Same(min, Simd256.MinPropagateNaN(Vector256.Create(a), Vector256.Create(b)).GetElement(0), "Simd256.MinPropagateNaN");
                Same(min, Simd512.MinPropagateNaN(Vector512.Create(a), Vector512.Create(b)).GetElement(9), "Simd512.MinPropagateNaN");
            }
        }

        Assert.Equal(0, BitConverter.SingleToInt32Bits(Vector256.Max(Vector256.Create(-0f), Vector256<float>.Zero).GetElement(0)));
        Assert.True(float.IsNegative(Vector256.Min(Vector256<float>.Zero, Vector256.Create(-0f)).GetElement(0)));
    }

    [Fact]
    public void Max_lanes_propagates_a_nan_from_any_lane()
    {
        for (int lane = 0; lane < 8; lane++)
        {
            var v = Vector256.Create(1f, 2, 3, 4, 5, 6, 7, 8).WithElement(lane, float.NaN);
            Assert.True(float.IsNaN(Simd256.MaxLanes(v)), $"lane {lane}");
        }
    }

    [Fact]
    public void Arg_masks_follow_the_pytorch_replacement_rule()
    {
        foreach (float candidate in Values)
        {
            foreach (float current in Values)
            {
                bool max = !float.IsNaN(current) && (float.IsNaN(candidate) || candidate > current);
                bool min = !float.IsNaN(current) && (float.IsNaN(candidate) || candidate < current);
                Assert.Equal(max, ArgMaxRule.Replaces(candidate, current));
                Assert.Equal(min, ArgMinRule.Replaces(candidate, current));
                Assert.Equal(max, Mask(Simd128.ArgMaxReplaces(Vector128.Create(candidate), Vector128.Create(current)).GetElement(2)));
                Assert.Equal(max, Mask(Simd256.ArgMaxReplaces(Vector256.Create(candidate), Vector256.Create(current)).GetElement(6)));
                Assert.Equal(max, Mask(Simd512.ArgMaxReplaces(Vector512.Create(candidate), Vector512.Create(current)).GetElement(11)));
                Assert.Equal(min, Mask(Simd128.ArgMinReplaces(Vector128.Create(candidate), Vector128.Create(current)).GetElement(1)));
                Assert.Equal(min, Mask(Simd256.ArgMinReplaces(Vector256.Create(candidate), Vector256.Create(current)).GetElement(4)));
                Assert.Equal(min, Mask(Simd512.ArgMinReplaces(Vector512.Create(candidate), Vector512.Create(current)).GetElement(14)));
            }
        }
    }

    [Fact]
    public void Nan_agnostic_max_is_the_maximum_of_ordinary_numbers()
    {
        foreach (float a in Values)
        {
            foreach (float b in Values)
            {
                if (float.IsNaN(a) || float.IsNaN(b) || (a == 0 && b == 0))
                {
                    continue; // unspecified by design
                }

                Same(Math.Max(a, b), Simd128.MaxNaNAgnostic(Vector128.Create(a), Vector128.Create(b)).GetElement(1), "128");
                Same(Math.Max(a, b), Simd256.MaxNaNAgnostic(Vector256.Create(a), Vector256.Create(b)).GetElement(6), "256");
                Same(Math.Max(a, b), Simd512.MaxNaNAgnostic(Vector512.Create(a), Vector512.Create(b)).GetElement(12), "512");
            }
        }
    }

    private static bool Mask(float lane) => BitConverter.SingleToInt32Bits(lane) switch
    {
        -1 => true,
        0 => false,
        var bits => throw new InvalidOperationException($"mask lane is neither all-ones nor zero: 0x{bits:X8}"),
    };

    private static void Same(float expected, float actual, string context)
    {
        if (!TestData.SameBits(expected, actual))
        {
            TestData.FailBits(expected, actual, context);
        }
    }
}
