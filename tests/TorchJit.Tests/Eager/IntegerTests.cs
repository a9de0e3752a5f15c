using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>int64 and bool tensors: indices, shapes and masks follow PyTorch's type promotion.</summary>
public sealed class IntegerTests
{
    [Fact]
    public void ArangeInfersItsDType()
    {
        Assert.Equal(DType.Int64, arange(5).DType);
        Assert.Equal([0L, 1, 2, 3, 4], arange(5).data<long>());
        Assert.Equal([2L, 5, 8], arange(2, 10, 3).data<long>());
        Assert.Equal(DType.Float32, arange(0, 1, 0.25).DType);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f], arange(0, 1, 0.25).ToArray());
        Assert.Equal([5L, 3, 1], arange(5, 0, -2).data<long>());
        Assert.Throws<ArgumentException>(() => arange(0, 5, 0));
        Assert.Throws<ArgumentException>(() => arange(5, 0, 1));
    }

    [Fact]
    public void IntegerArithmeticStaysIntegerAndBroadcasts()
    {
        var a = arange(6).reshape(2, 3);
        var b = tensor([10L, 20L, 30L]);

        Assert.Equal(DType.Int64, (a + b).DType);
        Assert.Equal([10L, 21, 32, 13, 24, 35], (a + b).data<long>());
        Assert.Equal([0L, 20, 60, 30, 80, 150], (a * b).data<long>());
        Assert.Equal([-10L, -19, -28, -7, -16, -25], (a - b).data<long>());
        Assert.Equal([2L, 3, 4, 5, 6, 7], (a + 2).data<long>());
    }

    [Fact]
    public void IntegerDivisionIsTrueDivisionAndMixedArithmeticIsFloat()
    {
        var a = tensor([1L, 2L, 7L]);

        Assert.Equal(DType.Float32, (a / 2).DType);
        Assert.Equal([0.5f, 1f, 3.5f], (a / 2).ToArray());
        Assert.Equal(DType.Float32, (a + ones(3)).DType);
        Assert.Equal(DType.Float32, (a * 0.5).DType);
        Assert.Equal([0.5f, 1f, 3.5f], (a * 0.5).ToArray());
    }

    [Fact]
    public void IntegerComparisonsGiveMasks()
    {
        var a = arange(5);

        Assert.Equal([false, false, false, true, true], (a > 2).data<bool>());
        Assert.Equal([true, false, true, false, true], a.eq(tensor([0L, 0L, 2L, 0L, 4L])).data<bool>());
        Assert.Equal(DType.Bool, (a <= 1).DType);
    }

    [Fact]
    public void FullAndZerosTakeADType()
    {
        Assert.Equal([7L, 7L], full([2], 7, int64).data<long>());
        Assert.Equal([true, true], full([2], 1, @bool).data<bool>());
        Assert.Equal(DType.Int64, zeros([3], int64).DType);
    }
}
