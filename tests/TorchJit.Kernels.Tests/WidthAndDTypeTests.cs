namespace TorchJit.Kernels.Tests;

public sealed class WidthAndDTypeTests
{
    [Fact]
    public void Supported_starts_with_scalar_and_is_nested()
    {
        var s = VectorWidths.Supported;
        Assert.Equal(VectorWidth.Scalar, s[0]);
        for (int i = 1; i < s.Count; i++)
        {
            Assert.Equal(s[i - 1] + 1, s[i]); // no gaps: Note [Nested widths]
        }
    }

    [Fact]
    public void Resolve_never_returns_best_or_an_unsupported_width()
    {
        var widest = VectorWidths.Supported[^1];
        Assert.Equal(widest, VectorWidths.Resolve(VectorWidth.Best));
        Assert.Equal(VectorWidth.Scalar, VectorWidths.Resolve(VectorWidth.Scalar));
        foreach (VectorWidth w in TestWidths.All)
        {
            var r = VectorWidths.Resolve(w);
            Assert.Contains(r, VectorWidths.Supported);
            Assert.Equal(VectorWidths.Supported.Contains(w) ? w : widest, r);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => VectorWidths.Resolve((VectorWidth)42));
    }

    [Fact]
    public void Best_is_the_widest_accelerated_width()
    {
        var expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? VectorWidth.V512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? VectorWidth.V256
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? VectorWidth.V128
            : VectorWidth.Scalar;
        Assert.Equal(expected, VectorWidths.Resolve(VectorWidth.Best));
    }

    [Fact]
    public void DTypes_have_torch_names_and_sizes()
    {
        Assert.Equal(4, DTypes.ElementSize(DType.Float32));
        Assert.Equal(8, DTypes.ElementSize(DType.Int64));
        Assert.Equal(1, DTypes.ElementSize(DType.Bool));
        Assert.Equal("Float", DTypes.TorchName(DType.Float32));
        Assert.Equal("Long", DTypes.TorchName(DType.Int64));
        Assert.Equal("Bool", DTypes.TorchName(DType.Bool));
        Assert.Throws<ArgumentOutOfRangeException>(() => DTypes.TorchName((DType)9));
    }
}
